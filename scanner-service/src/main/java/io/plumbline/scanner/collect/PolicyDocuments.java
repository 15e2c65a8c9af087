package io.plumbline.scanner.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plumbline.rules.CelValues;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Parses IAM-style policy documents (identity policies, trust policies, bucket policies) into plain maps
 * that CEL can read, since a rule cannot parse JSON itself. IAM returns documents URL-encoded (RFC 3986);
 * S3 returns plain JSON; both are accepted. The map keeps the document's own shape: {@code Statement},
 * {@code Action}, {@code Resource} and {@code Principal} may each be a single value or a list.
 */
final class PolicyDocuments {

    private static final Logger LOG = Logger.getLogger(PolicyDocuments.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyDocuments() {}

    /** The parsed document; empty (and a warning logged) when it is absent or not valid JSON. */
    static Optional<Map<String, Object>> parse(String document, String owner) {
        if (document == null || document.isBlank()) {
            return Optional.empty();
        }
        String json = document.strip();
        if (!json.startsWith("{")) {
            // RFC 3986 encoding leaves no literal '+' in the text, so URLDecoder's '+' → ' ' rule cannot bite
            json = URLDecoder.decode(json, StandardCharsets.UTF_8);
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = JSON.readValue(json, LinkedHashMap.class);
            return Optional.of(CelValues.normalizeMap(parsed));
        } catch (JsonProcessingException e) {
            LOG.warnf("policy document of %s is not valid JSON, left out: %s", owner, e.getOriginalMessage());
            return Optional.empty();
        }
    }
}
