package io.callsignal.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** How a query result is printed: an aligned table, CSV with a header, or one JSON object per row. */
enum ResultFormat {
    TABLE, CSV, JSON;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    void print(Dataset<Row> result, PrintWriter out) {
        List<String> columns = Arrays.asList(result.columns());
        // Spark renders each row (nested values, timestamps in UTC) as JSON; the formats start from that.
        List<JsonNode> rows = result.toJSON().collectAsList().stream().map(ResultFormat::parse).toList();
        switch (this) {
            case JSON -> rows.forEach(out::println);
            case CSV -> {
                CsvWriter csv = new CsvWriter(out, new CsvWriterSettings());
                csv.writeHeaders(columns);
                rows.forEach(row -> csv.writeRow(cells(columns, row)));
                csv.flush();
            }
            case TABLE -> printTable(columns, rows.stream().map(row -> cells(columns, row)).toList(), out);
        }
        out.flush();
    }

    private static void printTable(List<String> columns, List<List<String>> rows, PrintWriter out) {
        int[] widths = columns.stream().mapToInt(String::length).toArray();
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], text(row.get(i)).length());
            }
        }
        out.println(line(columns, widths));
        out.println(Arrays.stream(widths).mapToObj("-"::repeat).collect(Collectors.joining("-+-")));
        rows.forEach(row -> out.println(line(row, widths)));
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            line.append(i == 0 ? "" : " | ").append(String.format("%-" + widths[i] + "s", text(cells.get(i))));
        }
        return line.toString().stripTrailing();
    }

    /** Scalars as their text, nested values as JSON, null as null. */
    private static List<String> cells(List<String> columns, JsonNode row) {
        return columns.stream().map(row::get)
                .map(value -> value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString())
                .toList();
    }

    private static String text(String cell) {
        return cell == null ? "NULL" : cell;
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
