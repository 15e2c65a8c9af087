package io.plumbline.scanner.finding.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The export formats of {@code GET /api/v1/findings?format=…}, by their parameter value. */
public enum ExportFormat {
    CSV(new CsvExport()),
    OCSF(new OcsfExport()),
    SARIF(new SarifExport());

    private final FindingExport export;

    ExportFormat(FindingExport export) {
        this.export = export;
    }

    public FindingExport export() {
        return export;
    }

    public static Optional<ExportFormat> parse(String name) {
        return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    /** For error messages: {@code csv, ocsf, sarif}. */
    public static String names() {
        return Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
