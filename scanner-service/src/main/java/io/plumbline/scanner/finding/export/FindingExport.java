package io.plumbline.scanner.finding.export;

import io.plumbline.rules.Rule;
import io.plumbline.scanner.finding.FindingView;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Writes findings in one interchange format; implementations are stateless and thread-safe. */
public sealed interface FindingExport permits CsvExport, OcsfExport, SarifExport {

    /** The Content-Type of what {@link #write} produces. */
    String mediaType();

    /** A file name for the download, e.g. {@code findings.csv}. */
    String fileName();

    /**
     * @param rules the catalog entry of a rule id, if the catalog still has it (a finding may outlive its rule)
     */
    void write(List<FindingView> findings, Function<String, Optional<Rule>> rules, OutputStream out) throws IOException;
}
