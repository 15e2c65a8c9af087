package io.plumbline.scanner.scan;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.plumbline.scanner.support.Moto;
import io.plumbline.scanner.support.ScannerState;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a cron schedule configured, scans start by themselves and finish. */
@QuarkusTest
@TestProfile(ScheduledScanTest.EveryFewSeconds.class)
class ScheduledScanTest {

    public static class EveryFewSeconds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("plumbline.scanner.schedule", "0/3 * * * * ?", "plumbline.scanner.regions", "us-east-2");
        }
    }

    @Inject
    ScannerState state;

    @Test
    void shouldStartScansOnTheSchedule() {
        Moto.reset();
        state.clear();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<String> statuses = given().get("/api/v1/scans").then().statusCode(200).extract().path("status");
            return statuses.contains("SUCCEEDED");
        });
    }
}
