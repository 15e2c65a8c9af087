package io.plumbline.ticketing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The operator's view of the service: it reports ready, exposes Prometheus metrics and documents its API. */
@QuarkusTest
@io.quarkus.test.common.WithTestResource(io.plumbline.ticketing.support.DestinationFakes.class)
class TicketingServiceTest {

    @Test
    void shouldReportReady() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldExposePrometheusMetrics() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void shouldPublishItsOpenApiDocument() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Plumbline ticketing API"));
    }
}
