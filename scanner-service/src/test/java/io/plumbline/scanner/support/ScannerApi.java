package io.plumbline.scanner.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Drives the scanner the way a user does: through its HTTP API. */
public final class ScannerApi {

    private ScannerApi() {}

    /** Starts a scan limited to {@code regions} and {@code rules} and waits until it is no longer RUNNING. */
    public static JsonPath scan(List<String> regions, List<String> rules) {
        return awaitScan(given().contentType(ContentType.JSON).body(Map.of("regions", regions, "rules", rules))
                .when().post("/api/v1/scans")
                .then().statusCode(202).extract().path("id"));
    }

    /** A targeted rescan of one resource, waited for like {@link #scan}. */
    public static JsonPath rescan(String resourceArn) {
        return awaitScan(given().contentType(ContentType.JSON).body(Map.of("resourceArn", resourceArn))
                .when().post("/api/v1/scans")
                .then().statusCode(202).extract().path("id"));
    }

    private static JsonPath awaitScan(String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
                () -> !"RUNNING".equals(given().get("/api/v1/scans/" + id).then().extract().path("status")));
        return given().get("/api/v1/scans/" + id).then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath findings(String query) {
        return given().get("/api/v1/findings" + (query.isEmpty() ? "" : "?" + query)).then().statusCode(200).extract().jsonPath();
    }
}
