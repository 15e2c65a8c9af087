package io.plumbline.remediation.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.contracts.EventJson;
import io.plumbline.remediation.config.RemediationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** The scanner's API: a targeted rescan of one resource, and the finding's state afterwards. */
@ApplicationScoped
public class ScannerClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ScannerClient(RemediationConfig config) {
        this.baseUrl = config.scannerUrl().replaceAll("/+$", "");
    }

    public void rescan(String resourceArn) throws Exception {
        String body = EventJson.mapper().createObjectNode().put("resourceArn", resourceArn).toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/scans"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("scanner answered " + response.statusCode() + " to the rescan");
        }
    }

    /** The scanner's status (OPEN, RESOLVED, REOPENED) of the finding with this fingerprint, if it knows it. */
    public Optional<String> status(String resourceArn, String fingerprint) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/findings?resourceArn="
                        + URLEncoder.encode(resourceArn, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("scanner answered " + response.statusCode() + " to the findings query");
        }
        for (JsonNode finding : EventJson.mapper().readTree(response.body())) {
            if (fingerprint.equals(finding.path("fingerprint").asText())) {
                return Optional.of(finding.path("status").asText());
            }
        }
        return Optional.empty();
    }
}
