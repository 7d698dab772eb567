package org.nyc311.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves records the way {@code /resource/erm2-nwe9.json} does: a JSON array of objects whose
 * values are all strings, nulls left out, location as the legacy location object, the system fields
 * {@code :id}, {@code :created_at}, {@code :updated_at} beside them ({@code $select=:*,*}). Pages are
 * recognised by their key, as the intake asks for them: the first page has no key in its
 * {@code $where}, every later one {@code :id > '<the :id of the record before it>'}. A page is still
 * named by its offset in the served list ({@link #page(int)}). Records are made up here in that shape
 * (the real ones stay in ../shared/data).
 */
public final class SodaStub {

    public static final String PATH = "/resource/erm2-nwe9.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] TYPES = {
        {"NYPD", "Noise - Residential", "Loud Music/Party", "Residential Building/House"},
        {"HPD", "PAINT/PLASTER", "WALL", "RESIDENTIAL BUILDING"},
        {"DSNY", "Dirty Condition", "Trash", "Sidewalk"},
        {"DOT", "Street Condition", "Pothole", "Street"},
    };
    private static final String[] BOROUGHS = {"BROOKLYN", "QUEENS", "MANHATTAN", "BRONX", "STATEN ISLAND", "Unspecified"
    };

    private final WireMockServer server;
    private List<String> served = List.of();
    private int pageSize = 1;

    public SodaStub(WireMockServer server) {
        this.server = server;
    }

    /**
     * {@code count} records with unique keys from {@code firstKey}, in {@code :id} order, each with the system
     * fields; an {@code incremental} feed's {@code :updated_at} spread over a morning, a backfill's all one instant.
     */
    public static List<String> records(int count, long firstKey, boolean incremental) {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] type = TYPES[i % TYPES.length];
            ObjectNode record = JSON.createObjectNode();
            record.put(":id", "row-" + Long.toString(firstKey + i, 36));
            record.put(":created_at", "2026-05-30T08:00:00.000Z");
            record.put(
                    ":updated_at",
                    incremental ? "2026-06-01T0" + (i % 10) + ":15:00.000Z" : "2026-05-30T08:00:00.000Z");
            record.put("unique_key", Long.toString(firstKey + i));
            record.put("created_date", String.format("2026-01-%02dT%02d:%02d:00.000", 1 + i % 28, i % 24, i % 60));
            if (i % 3 == 0) {
                record.put("closed_date", String.format("2026-01-%02dT23:00:00.000", 1 + i % 28));
            }
            record.put("agency", type[0]);
            record.put("complaint_type", type[1]);
            record.put("descriptor", type[2]);
            record.put("location_type", type[3]);
            record.put("incident_zip", Integer.toString(11200 + i % 40));
            record.put("borough", BOROUGHS[i % BOROUGHS.length]);
            if (i % 5 != 4) {
                String latitude = String.format("40.%014d", 600000 + i);
                String longitude = String.format("-73.%014d", 900000 + i);
                record.put("latitude", latitude);
                record.put("longitude", longitude);
                ObjectNode location = record.putObject("location");
                location.put("latitude", latitude);
                location.put("longitude", longitude);
                location.put("human_address", "{\"address\": \"\", \"city\": \"\", \"state\": \"\", \"zip\": \"\"}");
            }
            records.add(record.toString());
        }
        return records;
    }

    /** Serves {@code records} in pages of {@code pageSize}, and [] past the end; {@link #page} then names these pages. */
    public void servePages(List<String> records, int pageSize) {
        served = List.copyOf(records);
        this.pageSize = pageSize;
        for (int offset = 0; offset <= records.size(); offset += pageSize) {
            List<String> page = records.subList(offset, Math.min(records.size(), offset + pageSize));
            server.stubFor(page(offset).willReturn(json(array(page))));
        }
    }

    /**
     * The served page at {@code offset} answers {@code failure} the first time it is asked for, and its records from
     * then on ({@code scenario} names the WireMock scenario that counts the asks).
     */
    public void failOnce(String scenario, int offset, ResponseDefinitionBuilder failure) {
        List<String> page = served.subList(offset, Math.min(served.size(), offset + pageSize));
        server.stubFor(page(offset)
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(failure)
                .willSetStateTo("served"));
        server.stubFor(
                page(offset).inScenario(scenario).whenScenarioStateIs("served").willReturn(json(array(page))));
    }

    /** The request for the page that starts at {@code offset} of the served records: the one after the key of the record before. */
    public MappingBuilder page(int offset) {
        return get(urlPathEqualTo(PATH)).withQueryParam("$where", afterRecord(offset));
    }

    private StringValuePattern afterRecord(int offset) {
        if (offset == 0) {
            return notContaining(":id >");
        }
        String id;
        try {
            // past the end there is no record: the only page to ask for there is the one after the last
            id = JSON.readTree(served.get(Math.min(offset, served.size()) - 1))
                    .get(":id")
                    .asText();
        } catch (Exception e) {
            throw new IllegalStateException("serve the records first: no record before offset " + offset, e);
        }
        return containing(":id > '" + id + "'");
    }

    public static ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody(body);
    }

    public static String array(List<String> records) {
        ArrayNode array = JSON.createArrayNode();
        try {
            for (String record : records) {
                array.add(JSON.readTree(record));
            }
            // SODA pretty-prints its arrays; the parser must not care
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public int requestsFor(int offset) {
        return server.findAll(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("$where", afterRecord(offset)))
                .size();
    }
}
