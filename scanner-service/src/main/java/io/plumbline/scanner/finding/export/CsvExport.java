package io.plumbline.scanner.finding.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.plumbline.rules.Rule;
import io.plumbline.scanner.finding.FindingView;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * RFC 4180 CSV: a header row, one row per finding, CRLF line ends, fields quoted when they need it. Every text cell
 * that a spreadsheet would read as a formula (starts with = + - @, tab or CR) gets a leading apostrophe: resource
 * names and tags come from AWS and are not ours to trust.
 */
public final class CsvExport implements FindingExport {

    static final List<String> COLUMNS = List.of("fingerprint", "status", "severity", "ruleId", "title", "pillar", "question",
            "bestPractice", "impact", "accountId", "region", "resourceType", "resourceId", "resourceName", "resourceArn",
            "resourceTags", "message", "firstSeenAt", "lastSeenAt", "resolvedAt");

    private static final CsvSchema SCHEMA = CsvSchema.builder()
            .addColumns(COLUMNS, CsvSchema.ColumnType.STRING)
            .setUseHeader(true)
            .setLineSeparator("\r\n")
            .build();
    private static final CsvMapper CSV = CsvMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    CsvExport() {}

    @Override
    public String mediaType() {
        return "text/csv; charset=utf-8; header=present";
    }

    @Override
    public String fileName() {
        return "findings.csv";
    }

    @Override
    public void write(List<FindingView> findings, Function<String, Optional<Rule>> rules, OutputStream out) throws IOException {
        try (SequenceWriter rows = CSV.writer(SCHEMA).writeValues(out)) {
            for (FindingView f : findings) {
                String[] row = {f.fingerprint(), f.status() == null ? null : f.status().name(), f.severity(), f.ruleId(),
                        f.title(), f.pillar(), f.question(), f.bestPractice(), f.impact(), f.accountId(), f.region(),
                        f.resourceType(), f.resourceId(), f.resourceName(), f.resourceArn(), tags(f.resourceTags()), f.message(),
                        time(f.firstSeenAt()), time(f.lastSeenAt()), time(f.resolvedAt())};
                for (int i = 0; i < row.length; i++) {
                    row[i] = cell(row[i]);
                }
                rows.write(row);
            }
        }
        out.flush();
    }

    /** The value as a spreadsheet will show it, never as a formula it would run. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
    }

    private static String tags(Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            return null;
        }
        try {
            // JSON keeps keys and values that contain separators unambiguous; sorted so exports diff cleanly
            return JSON.writeValueAsString(new TreeMap<>(tags));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
