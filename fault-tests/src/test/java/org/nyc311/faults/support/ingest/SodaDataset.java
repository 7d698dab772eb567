package org.nyc311.faults.support.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * A stand-in for SODA's {@code /resource/erm2-nwe9.json} that really evaluates the query it is sent
 * over an in-memory data set, the way the Socrata server does: {@code $select} (system fields
 * {@code :id}, {@code :created_at}, {@code :updated_at} only when asked for with {@code :*}),
 * {@code $where} (the SoQL subset the intake sends: AND, OR, parentheses, comparisons and
 * {@code between}; timestamps compared as floating timestamps, everything else as text),
 * {@code $order}, {@code $limit} and {@code $offset}. So it answers an offset-paging client and a
 * keyset-paging client alike, and a fault shows up as the real server would show it.
 *
 * <p>Faults are injected through hooks: a delay per request, a gate that holds one request until
 * released, and a callback run after each page is computed and before it is sent (records moving
 * out of the window, changing, disappearing between pages).
 */
public final class SodaDataset implements AutoCloseable {

    public static final String PATH = "/resource/erm2-nwe9.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, ObjectNode> records = new LinkedHashMap<>();
    private final List<Query> received = Collections.synchronizedList(new ArrayList<>());
    private volatile Duration delay = Duration.ZERO;
    private volatile BiConsumer<Query, List<ObjectNode>> afterPage = (query, page) -> {};
    private volatile Gate gate;

    private SodaDataset(HttpServer server) {
        this.server = server;
    }

    public static SodaDataset start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        SodaDataset soda = new SodaDataset(server);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "soda-dataset");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext(PATH, soda::handle);
        server.start();
        return soda;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    // ------------------------------------------------------------------ the data set

    private static final String[][] TYPES = {
        {"NYPD", "Noise - Residential", "Loud Music/Party"},
        {"HPD", "HEAT/HOT WATER", "ENTIRE BUILDING"},
        {"DSNY", "Dirty Condition", "Trash"},
        {"DOT", "Street Condition", "Pothole"},
        {"DEP", "Water System", "Leak (Use Comments) (WA2)"},
    };
    private static final String[] BOROUGHS = {"BROOKLYN", "QUEENS", "MANHATTAN", "BRONX", "STATEN ISLAND"};

    /**
     * One record as SODA serves it: every value a string, the system fields beside the data
     * ({@code :updated_at} in UTC with a Z, {@code created_date} floating New York time). {@code :id}
     * is scrambled from the key, so that its order is neither the key's nor the time's, as on the portal.
     */
    public static ObjectNode record(long uniqueKey, LocalDateTime createdDate, LocalDateTime updatedAtUtc) {
        int i = (int) Math.floorMod(uniqueKey, 997L);
        String[] type = TYPES[i % TYPES.length];
        ObjectNode record = JSON.createObjectNode();
        record.put(":id", "row-" + Long.toUnsignedString(uniqueKey * 0x9E3779B97F4A7C15L, 36));
        record.put(":created_at", SODA_TIME.format(updatedAtUtc) + "Z");
        record.put(":updated_at", SODA_TIME.format(updatedAtUtc) + "Z");
        record.put("unique_key", Long.toString(uniqueKey));
        record.put("created_date", SODA_TIME.format(createdDate));
        record.put("agency", type[0]);
        record.put("complaint_type", type[1]);
        record.put("descriptor", type[2]);
        record.put("status", "Open");
        record.put("incident_zip", Integer.toString(10001 + i % 300));
        record.put("borough", BOROUGHS[i % BOROUGHS.length]);
        record.put("latitude", String.format("40.%06d", 600000 + i * 97));
        record.put("longitude", String.format("-73.%06d", 900000 + i * 89));
        return record;
    }

    /**
     * {@code count} records with keys from {@code firstKey}, the i-th created at {@code created.apply(i)} and
     * updated {@code updatedAfter} later: a backfill window's records, spread over it as a test chooses.
     */
    public static List<ObjectNode> records(
            long firstKey, int count, IntFunction<LocalDateTime> created, Duration updatedAfter) {
        List<ObjectNode> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LocalDateTime at = created.apply(i);
            records.add(record(firstKey + i, at, at.plus(updatedAfter)));
        }
        return records;
    }

    /** The first day of the month {@code months} before this one (UTC): a backfill month whose records are all in. */
    public static LocalDate monthStartAgo(int months) {
        return LocalDate.now(ZoneOffset.UTC).minusMonths(months).withDayOfMonth(1);
    }

    private static final java.time.format.DateTimeFormatter SODA_TIME =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

    /** SODA's form of a floating timestamp, e.g. {@code 2026-01-31T23:45:00.000}. */
    public static String sodaTime(LocalDateTime timestamp) {
        return SODA_TIME.format(timestamp);
    }

    /** Adds (or replaces, by {@code :id}) records. */
    public synchronized void put(List<ObjectNode> added) {
        for (ObjectNode record : added) {
            records.put(record.get(":id").asText(), record.deepCopy());
        }
    }

    public synchronized void clear() {
        records.clear();
        received.clear();
    }

    /** Changes one record in place, as an edit at the source would. */
    public synchronized void update(String id, Consumer<ObjectNode> change) {
        ObjectNode record = records.get(id);
        if (record == null) {
            throw new IllegalArgumentException("no record " + id);
        }
        change.accept(record);
    }

    /** The {@code :id} of a served record, also when it was served without system fields (no {@code :*} in {@code $select}). */
    public synchronized String idOf(ObjectNode served) {
        if (served.hasNonNull(":id")) {
            return served.get(":id").asText();
        }
        String key = served.path("unique_key").asText();
        return records.values().stream()
                .filter(record -> record.path("unique_key").asText().equals(key))
                .map(record -> record.get(":id").asText())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no record with unique_key " + key));
    }

    public synchronized void remove(String id) {
        records.remove(id);
    }

    /** A copy of every record now in the data set. */
    public synchronized List<ObjectNode> snapshot() {
        return records.values().stream().map(ObjectNode::deepCopy).toList();
    }

    // ------------------------------------------------------------------ hooks

    public void delay(Duration perRequest) {
        this.delay = perRequest;
    }

    /** Runs after each page is computed and before it is sent: the place for changes "between pages". */
    public void afterEachPage(BiConsumer<Query, List<ObjectNode>> hook) {
        this.afterPage = hook;
    }

    /** Holds the first request that matches until {@link Gate#release()}; later requests pass. */
    public Gate holdFirst(Predicate<Query> which) {
        Gate armed = new Gate(which);
        this.gate = armed;
        return armed;
    }

    /** Every request received so far, in order. */
    public List<Query> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    // ------------------------------------------------------------------ serving

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Query query = Query.parse(exchange.getRequestURI().getRawQuery());
            received.add(query);
            Gate held = gate;
            if (held != null && held.take(query)) {
                held.arrived.countDown();
                held.released.await(5, TimeUnit.MINUTES);
            }
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            List<ObjectNode> page;
            synchronized (this) {
                page = query.evaluate(records.values());
                afterPage.accept(query, page);
            }
            ArrayNode array = JSON.createArrayNode();
            page.forEach(array::add);
            respond(exchange, 200, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(array));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 503, "{\"message\":\"interrupted\"}".getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // a query this stand-in cannot read is a 400, as SODA answers a malformed query
            respond(exchange, 400, JSON.writeValueAsBytes(Map.of("message", String.valueOf(e.getMessage()))));
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) {
        try {
            exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException clientGone) {
            // a killed client is not there to read it
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        Gate held = gate;
        if (held != null) {
            held.release();
        }
        server.stop(0);
    }

    /** One held request: wait for it to arrive, then let it go. */
    public static final class Gate {
        private final Predicate<Query> which;
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private boolean taken;

        private Gate(Predicate<Query> which) {
            this.which = which;
        }

        private synchronized boolean take(Query query) {
            if (taken || !which.test(query)) {
                return false;
            }
            taken = true;
            return true;
        }

        public boolean awaitArrival(Duration timeout) throws InterruptedException {
            return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        public void release() {
            released.countDown();
        }
    }

    // ------------------------------------------------------------------ the query

    /** One request's SoQL parameters, and their meaning over a data set. */
    public record Query(Map<String, String> parameters) {

        static Query parse(String rawQuery) {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (rawQuery != null) {
                for (String pair : rawQuery.split("&")) {
                    int eq = pair.indexOf('=');
                    String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    parameters.put(key, value);
                }
            }
            return new Query(Map.copyOf(parameters));
        }

        public String where() {
            return parameters.getOrDefault("$where", "");
        }

        public boolean incremental() {
            return where().contains(":updated_at between");
        }

        /** The first {@code between} of the where clause: the run's window. */
        public LocalDateTime windowTo() {
            java.util.regex.Matcher between = java.util.regex.Pattern.compile("between '([^']*)' and '([^']*)'")
                    .matcher(where());
            if (!between.find()) {
                throw new IllegalStateException("no window in " + where());
            }
            return timestamp(between.group(2)).orElseThrow();
        }

        List<ObjectNode> evaluate(java.util.Collection<ObjectNode> all) {
            Predicate<ObjectNode> filter = where().isBlank() ? record -> true : new Soql(where()).expression();
            List<ObjectNode> matching =
                    new ArrayList<>(all.stream().filter(filter).toList());
            matching.sort(order(parameters.getOrDefault("$order", ":id")));
            int offset = Integer.parseInt(parameters.getOrDefault("$offset", "0"));
            int limit = Integer.parseInt(parameters.getOrDefault("$limit", "1000"));
            boolean system = parameters.getOrDefault("$select", "*").contains(":*");
            return matching.stream()
                    .skip(offset)
                    .limit(limit)
                    .map(record -> {
                        ObjectNode copy = record.deepCopy();
                        if (!system) {
                            copy.remove(List.of(":id", ":created_at", ":updated_at"));
                        }
                        return copy;
                    })
                    .toList();
        }

        private static Comparator<ObjectNode> order(String order) {
            Comparator<ObjectNode> comparator = null;
            for (String term : order.split(",")) {
                String[] words = term.trim().split("\\s+");
                String field = words[0];
                Comparator<ObjectNode> byField = (a, b) -> compare(value(a, field), value(b, field));
                if (words.length > 1 && words[1].equalsIgnoreCase("desc")) {
                    byField = byField.reversed();
                }
                comparator = comparator == null ? byField : comparator.thenComparing(byField);
            }
            return comparator;
        }
    }

    static String value(ObjectNode record, String field) {
        return record.hasNonNull(field) ? record.get(field).asText() : null;
    }

    /** Nulls first; two timestamps as floating timestamps (a trailing Z dropped), anything else as text. */
    static int compare(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        Optional<LocalDateTime> left = timestamp(a);
        Optional<LocalDateTime> right = timestamp(b);
        if (left.isPresent() && right.isPresent()) {
            return left.get().compareTo(right.get());
        }
        return a.compareTo(b);
    }

    static Optional<LocalDateTime> timestamp(String text) {
        if (text.length() < 19 || text.charAt(4) != '-' || text.charAt(10) != 'T') {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text.endsWith("Z") ? text.substring(0, text.length() - 1) : text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A recursive-descent reader of the SoQL {@code $where} subset: or, and, parentheses, comparisons, between. */
    private static final class Soql {
        private final List<String> tokens;
        private int at;

        Soql(String text) {
            this.tokens = tokenize(text);
        }

        Predicate<ObjectNode> expression() {
            Predicate<ObjectNode> result = or();
            if (at != tokens.size()) {
                throw new IllegalArgumentException("unexpected '" + tokens.get(at) + "' in $where");
            }
            return result;
        }

        private Predicate<ObjectNode> or() {
            Predicate<ObjectNode> left = and();
            while (peekKeyword("or")) {
                at++;
                left = left.or(and());
            }
            return left;
        }

        private Predicate<ObjectNode> and() {
            Predicate<ObjectNode> left = unary();
            while (peekKeyword("and")) {
                at++;
                left = left.and(unary());
            }
            return left;
        }

        private Predicate<ObjectNode> unary() {
            if ("(".equals(peek())) {
                at++;
                Predicate<ObjectNode> inner = or();
                expect(")");
                return inner;
            }
            String field = next();
            if (peekKeyword("between")) {
                at++;
                String low = literal();
                if (!peekKeyword("and")) {
                    throw new IllegalArgumentException("between needs 'and'");
                }
                at++;
                String high = literal();
                return record -> {
                    String value = value(record, field);
                    return value != null && compare(value, low) >= 0 && compare(value, high) <= 0;
                };
            }
            String operator = next();
            String operand = literal();
            return record -> {
                String value = value(record, field);
                if (value == null) {
                    return false;
                }
                int c = compare(value, operand);
                return switch (operator) {
                    case ">" -> c > 0;
                    case ">=" -> c >= 0;
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case "=" -> c == 0;
                    case "!=" -> c != 0;
                    default -> throw new IllegalArgumentException("unknown operator " + operator);
                };
            };
        }

        private String literal() {
            String token = next();
            if (!token.startsWith("'")) {
                throw new IllegalArgumentException("expected a quoted literal, got " + token);
            }
            return token.substring(1, token.length() - 1).replace("''", "'");
        }

        private String peek() {
            return at < tokens.size() ? tokens.get(at) : null;
        }

        private boolean peekKeyword(String keyword) {
            return keyword.equalsIgnoreCase(peek());
        }

        private String next() {
            if (at >= tokens.size()) {
                throw new IllegalArgumentException("$where ends too early");
            }
            return tokens.get(at++);
        }

        private void expect(String token) {
            if (!token.equals(next())) {
                throw new IllegalArgumentException("expected " + token);
            }
        }

        private static List<String> tokenize(String text) {
            List<String> tokens = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '(' || c == ')') {
                    tokens.add(String.valueOf(c));
                    i++;
                } else if (c == '\'') {
                    int end = i + 1;
                    while (true) {
                        end = text.indexOf('\'', end);
                        if (end < 0) {
                            throw new IllegalArgumentException("unterminated literal in $where");
                        }
                        if (end + 1 < text.length() && text.charAt(end + 1) == '\'') {
                            end += 2;
                        } else {
                            break;
                        }
                    }
                    tokens.add(text.substring(i, end + 1));
                    i = end + 1;
                } else if ("<>=!".indexOf(c) >= 0) {
                    int end = i + 1;
                    if (end < text.length() && text.charAt(end) == '=') {
                        end++;
                    }
                    tokens.add(text.substring(i, end));
                    i = end;
                } else {
                    int end = i;
                    while (end < text.length()
                            && !Character.isWhitespace(text.charAt(end))
                            && "()'<>=!".indexOf(text.charAt(end)) < 0) {
                        end++;
                    }
                    tokens.add(text.substring(i, end));
                    i = end;
                }
            }
            return tokens;
        }
    }
}
