package dev.usher.connectors.bamboohr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.core.json.UsherJson;
import dev.usher.core.model.PhoneNumber;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.source.ChangeBatch;
import dev.usher.core.source.ChangeFeed;
import dev.usher.core.source.RowProblem;
import dev.usher.core.source.SourceChange;
import dev.usher.core.source.UserSnapshot;
import dev.usher.core.source.UserSource;
import dev.usher.core.source.UserSourceContext;
import dev.usher.core.source.UserSourceException;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.HttpFailures;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import kong.unirest.core.HttpResponse;
import kong.unirest.core.Unirest;
import kong.unirest.core.UnirestException;
import kong.unirest.core.UnirestInstance;
import org.jspecify.annotations.Nullable;

/**
 * Employees of a BambooHR account as users.
 *
 * <p>A snapshot runs one custom report ({@code POST /v1/reports/custom?onlyCurrent=false})
 * over every employee, current and former; the change feed asks
 * {@code GET /v1/employees/changed?since=...} and reads each changed employee
 * ({@code GET /v1/employees/{id}}). Authentication is the API key as the Basic user name.
 *
 * <table>
 *   <caption>BambooHR field to user</caption>
 *   <tr><td>id</td><td>id</td></tr>
 *   <tr><td>firstName, lastName, displayName</td><td>givenName, familyName, displayName</td></tr>
 *   <tr><td>workEmail</td><td>email (also userName)</td></tr>
 *   <tr><td>workPhone, mobilePhone</td><td>phoneNumbers</td></tr>
 *   <tr><td>department, jobTitle</td><td>department, title</td></tr>
 *   <tr><td>supervisorEId</td><td>managerId</td></tr>
 *   <tr><td>status ({@code Active} / {@code Inactive})</td><td>status ACTIVE / TERMINATED</td></tr>
 *   <tr><td>hireDate, terminationDate ({@code 0000-00-00} = none)</td><td>startDate, endDate</td></tr>
 *   <tr><td>each of {@link BambooHrConfig#customFields()}</td><td>a string custom attribute</td></tr>
 * </table>
 *
 * <pre>{@code
 * try (BambooHrUserSource hr = new BambooHrUserSource(BambooHrConfig.of("acme", apiKey),
 *     UserSourceContext.of("bamboohr"))) {
 *   UserSnapshot snapshot = hr.snapshot();
 * }
 * }</pre>
 *
 * <p>A failed call (401, 403, 5xx, a rate limit, a network error) gives an incomplete
 * snapshot carrying the connector exception; the API key never appears in it.
 */
public final class BambooHrUserSource implements UserSource, ChangeFeed, AutoCloseable {
  static final List<String> STANDARD_FIELDS = List.of("id", "firstName", "lastName", "displayName", "workEmail",
      "workPhone", "mobilePhone", "department", "jobTitle", "supervisorEId", "status", "hireDate", "terminationDate");

  private final BambooHrConfig config;
  private final UserSourceContext context;
  private final UnirestInstance http;
  private final ObjectMapper json = UsherJson.newMapper();
  private final String api;
  private final List<String> fields;

  public BambooHrUserSource(BambooHrConfig config, UserSourceContext context) {
    this.config = Objects.requireNonNull(config, "config");
    this.context = Objects.requireNonNull(context, "context");
    this.http = Unirest.spawnInstance();
    http.config()
        .connectTimeout((int) context.http().connectTimeout().toMillis())
        .requestTimeout((int) context.http().requestTimeout().toMillis())
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(false)
        .setDefaultHeader("User-Agent", context.http().userAgent())
        .setDefaultHeader("Accept", "application/json")
        .setDefaultBasicAuth(config.apiKey().reveal(), "x");
    String base = config.baseUrl().toString().replaceAll("/+$", "");
    this.api = base + "/api/gateway.php/" + config.companyDomain() + "/v1";
    Set<String> all = new LinkedHashSet<>(STANDARD_FIELDS);
    all.addAll(config.customFields());
    this.fields = List.copyOf(all);
  }

  @Override
  public String name() {
    return context.name();
  }

  @Override
  public UserSnapshot snapshot() {
    String token = context.clock().instant().toString();
    JsonNode report;
    try {
      ObjectNode body = json.createObjectNode();
      ArrayNode names = body.putArray("fields");
      fields.forEach(names::add);
      String text = json.writeValueAsString(body);
      report = call("snapshot", () -> http.post(api + "/reports/custom?format=JSON&onlyCurrent=false")
          .header("Content-Type", "application/json")
          .body(text).asString());
    } catch (ConnectorException e) {
      return UserSnapshot.failed(name(), new UserSourceException(name() + ": the employee report failed: "
          + e.getMessage(), e));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    JsonNode employees = report.path("employees");
    if (!employees.isArray()) {
      return UserSnapshot.failed(name(), new UserSourceException(name()
          + ": the employee report has no 'employees' list"));
    }
    Map<String, User> users = new LinkedHashMap<>();
    Set<String> duplicated = new HashSet<>();
    List<RowProblem> problems = new ArrayList<>();
    int index = 0;
    for (JsonNode e : employees) {
      index++;
      User u = toUser(e, index, problems);
      if (u != null && users.putIfAbsent(u.id(), u) != null) {
        duplicated.add(u.id());
      }
    }
    for (String id : duplicated) {
      users.remove(id);
      problems.add(new RowProblem(name(), 0, "id", "employee id '" + id + "' appears more than once in the report", id));
    }
    return new UserSnapshot(name(), new ArrayList<>(users.values()), problems, true, null, token);
  }

  @Override
  public Optional<ChangeFeed> changeFeed() {
    return Optional.of(this);
  }

  /**
   * Employees changed since {@code token} (an ISO-8601 instant; null means now): each
   * inserted or updated one read again, each deleted one removed.
   */
  @Override
  public ChangeBatch changesSince(@Nullable String token) {
    Instant now = context.clock().instant();
    if (token == null) {
      return new ChangeBatch(List.of(), now.toString());
    }
    Instant since;
    try {
      since = Instant.parse(token);
    } catch (DateTimeParseException e) {
      throw new UserSourceException(name() + ": change token '" + token + "' is not an ISO-8601 instant");
    }
    try {
      JsonNode changed = call("changesSince", () -> http.get(api + "/employees/changed?since="
          + encode(since.toString())).asString());
      List<SourceChange> changes = new ArrayList<>();
      String next = changed.path("latest").isTextual() ? changed.path("latest").asText() : now.toString();
      for (Map.Entry<String, JsonNode> e : changed.path("employees").properties()) {
        String id = e.getValue().path("id").asText(e.getKey());
        String action = e.getValue().path("action").asText("");
        if ("Deleted".equalsIgnoreCase(action)) {
          changes.add(SourceChange.removed(id));
          continue;
        }
        JsonNode employee = call("getEmployee", () -> http.get(api + "/employees/" + encode(id) + "?fields="
            + encode(String.join(",", fields))).asString());
        List<RowProblem> problems = new ArrayList<>();
        User u = toUser(employee, 0, problems);
        if (u == null) {
          throw new UserSourceException(name(), problems);
        }
        changes.add(SourceChange.updated(u));
      }
      return new ChangeBatch(changes, next);
    } catch (ConnectorException e) {
      throw new UserSourceException(name() + ": the change feed failed: " + e.getMessage(), e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode check(String operation, HttpResponse<String> response) {
    ConnectorException.Origin origin = new ConnectorException.Origin("bamboohr", name(), operation);
    int status = response.getStatus();
    if (status < 200 || status >= 300) {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (String h : List.of("Retry-After", "X-RateLimit-Remaining", "X-RateLimit-Reset")) {
        List<String> v = response.getHeaders().get(h);
        if (v != null && !v.isEmpty()) {
          headers.put(h, v);
        }
      }
      // BambooHR explains failures in the X-BambooHR-Error-Message header, not the body.
      List<String> message = response.getHeaders().get("X-BambooHR-Error-Message");
      String detail = message == null || message.isEmpty() ? "HTTP " + status : message.get(0);
      throw HttpFailures.toException(origin, status, headers, detail, context.clock());
    }
    try {
      return json.readTree(response.getBody() == null ? "" : response.getBody());
    } catch (JsonProcessingException e) {
      throw new dev.usher.core.spi.InvalidRequestException(origin, status,
          "BambooHR answered with something that is not JSON: " + e.getOriginalMessage(), null);
    }
  }

  /** Wraps Unirest's network errors into the connector taxonomy. */
  private JsonNode call(String operation, java.util.function.Supplier<HttpResponse<String>> request) {
    try {
      return check(operation, request.get());
    } catch (UnirestException e) {
      throw new dev.usher.core.spi.TransientException(new ConnectorException.Origin("bamboohr", name(), operation),
          "BambooHR could not be reached: " + e.getMessage(), e);
    }
  }

  private @Nullable User toUser(JsonNode e, int index, List<RowProblem> problems) {
    String id = text(e, "id");
    if (id == null) {
      problems.add(new RowProblem(name(), index, "id", "employee without an id", null));
      return null;
    }
    int before = problems.size();
    User.Builder u = User.builder(id)
        .givenName(text(e, "firstName"))
        .familyName(text(e, "lastName"))
        .displayName(text(e, "displayName"))
        .department(text(e, "department"))
        .title(text(e, "jobTitle"))
        .managerId(text(e, "supervisorEId"));
    String mail = text(e, "workEmail");
    if (mail != null) {
      u.email(mail).userName(mail);
    }
    String work = text(e, "workPhone");
    String mobile = text(e, "mobilePhone");
    if (work != null) {
      u.phoneNumber(new PhoneNumber(work, "work", true));
    }
    if (mobile != null) {
      u.phoneNumber(new PhoneNumber(mobile, "mobile", work == null));
    }
    String status = text(e, "status");
    if (status != null) {
      switch (status.toLowerCase(java.util.Locale.ROOT)) {
        case "active" -> u.status(UserStatus.ACTIVE);
        case "inactive" -> u.status(UserStatus.TERMINATED);
        default -> problems.add(new RowProblem(name(), index, "status",
            "unknown status '" + status + "'; expected Active or Inactive", id));
      }
    }
    u.startDate(date(e, "hireDate", id, index, problems));
    u.endDate(date(e, "terminationDate", id, index, problems));
    for (String f : config.customFields()) {
      String v = text(e, f);
      if (v != null) {
        u.attribute(f, v);
      }
    }
    return problems.size() == before ? u.build() : null;
  }

  private @Nullable LocalDate date(JsonNode e, String field, String id, int index, List<RowProblem> problems) {
    String v = text(e, field);
    if (v == null || v.startsWith("0000-00-00")) {
      return null;
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException ex) {
      problems.add(new RowProblem(name(), index, field, "expected a date as yyyy-MM-dd, was '" + v + "'", id));
      return null;
    }
  }

  private static @Nullable String text(JsonNode e, String field) {
    JsonNode n = e.get(field);
    if (n == null || n.isNull() || !n.isValueNode()) {
      return null;
    }
    String t = n.asText().trim();
    return t.isEmpty() ? null : t;
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "BambooHrUserSource[" + config.companyDomain() + "]";
  }
}
