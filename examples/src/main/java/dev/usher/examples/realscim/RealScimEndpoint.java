package dev.usher.examples.realscim;

import dev.usher.core.ProvisioningException;
import dev.usher.core.Usher;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.model.Secret;
import dev.usher.core.model.User;
import dev.usher.core.plan.Plan;
import dev.usher.core.policy.Policy;
import dev.usher.core.source.CsvUserSource;
import dev.usher.core.source.UserSnapshot;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorRegistry;
import dev.usher.core.store.jdbc.JdbcStateStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Points Usher at a real SCIM 2.0 endpoint. It plans only, unless run with {@code --apply}.
 *
 * <pre>
 * export USHER_SCIM_BASE_URL=https://api.example.com/scim/v2
 * export USHER_SCIM_TOKEN=...            # a bearer token; never printed
 * export USHER_SCIM_PROFILE=standard     # optional vendor profile
 * export USHER_USERS=hr-export.csv       # optional; default: the bundled sample of 50 people
 * export USHER_POLICY=my-app.yaml        # optional; default: a cautious bundled policy
 * export USHER_STATE=target/usher-state  # optional folder of the embedded H2 state store
 * mvn -B -q -pl examples -am -DskipTests package exec:exec \
 *     -Dexample=dev.usher.examples.realscim.RealScimEndpoint            # plan only
 * mvn -B -q -pl examples -am -DskipTests package exec:exec \
 *     -Dexample=dev.usher.examples.realscim.RealScimEndpoint -Dexample.args=--apply
 * </pre>
 *
 * <p>Each setting may also be given as a system property: {@code usher.scim.baseUrl},
 * {@code usher.scim.token}, {@code usher.scim.profile}, {@code usher.users},
 * {@code usher.policy}, {@code usher.state}. The environment wins.
 */
public final class RealScimEndpoint {
  /** The argument that turns planning into applying. */
  public static final String APPLY = "--apply";

  private RealScimEndpoint() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("org.jboss.logging.provider", "slf4j");
    PrintStream out = System.out;
    boolean apply = Arrays.asList(args).contains(APPLY);
    String baseUrl = setting("USHER_SCIM_BASE_URL", "usher.scim.baseUrl", null);
    String token = setting("USHER_SCIM_TOKEN", "usher.scim.token", null);
    if (baseUrl == null || token == null) {
      throw new IllegalArgumentException("set USHER_SCIM_BASE_URL and USHER_SCIM_TOKEN (or -Dusher.scim.baseUrl "
          + "and -Dusher.scim.token) to the SCIM endpoint and its bearer token");
    }
    String profile = Objects.requireNonNull(setting("USHER_SCIM_PROFILE", "usher.scim.profile", "standard"));
    Path state = Path.of(Objects.requireNonNull(setting("USHER_STATE", "usher.state", "target/usher-state")));
    Path users = path(setting("USHER_USERS", "usher.users", null), "/quickstart/hr.csv", "hr", ".csv");
    Path policyFile = path(setting("USHER_POLICY", "usher.policy", null), "/realscim/policy.yaml", "scim-app", ".yaml");

    Policy policy = Policy.load(policyFile);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("baseUrl", baseUrl);
    config.put("auth", Map.of("type", "bearer", "token", Secret.of(token)));
    config.put("profile", profile);
    String app = policy.applicationId();
    out.println("Application '" + app + "': SCIM endpoint " + baseUrl + " (profile " + profile + ")");
    out.println("Users from " + users + ", policy from " + policyFile + ", state in " + state.toAbsolutePath());

    try (Connector connector = ConnectorRegistry.discover().open("scim", config, ConnectorContext.of(app));
        JdbcStateStore store = JdbcStateStore.embedded(state)) {
      connector.test();
      out.println("Connected; capabilities: " + connector.capabilities());
      Usher usher = Usher.builder()
          .application(app, connector, policy)
          .users(() -> read(users, out))
          .stateStore(store)
          .build();
      Plan plan = usher.plan();
      out.print(plan.summary());
      if (!apply) {
        out.println("Plan only: nothing was changed. Run again with " + APPLY + " to apply this plan.");
        return;
      }
      ApplyResult result = usher.apply(plan);
      out.println(result.summary());
      if (!plan.staged().isEmpty()) {
        out.println(plan.staged().size() + " operations are staged by the safety limits; approve them in code "
            + "with usher.approve(ids) after review.");
      }
      if (!result.isSuccess()) {
        throw new ProvisioningException(result.failed().size() + " operations failed; see above");
      }
    }
  }

  private static List<User> read(Path file, PrintStream out) {
    UserSnapshot snapshot = CsvUserSource.of(file).snapshot();
    if (!snapshot.complete()) {
      throw new ProvisioningException("the user file could not be read completely", snapshot.failure());
    }
    snapshot.problems().forEach(p -> out.println("skipped bad row: " + p));
    return snapshot.users();
  }

  private static @Nullable String setting(String env, String property, @Nullable String fallback) {
    String value = System.getenv(env);
    if (value == null || value.isBlank()) {
      value = System.getProperty(property);
    }
    return value == null || value.isBlank() ? fallback : value;
  }

  /** The given file, or the bundled resource copied to a temporary file. */
  private static Path path(@Nullable String given, String resource, String prefix, String suffix) throws IOException {
    if (given != null) {
      return Path.of(given);
    }
    Path dir = Files.createTempDirectory("usher-example");
    Path file = dir.resolve(prefix + suffix);
    try (InputStream in = RealScimEndpoint.class.getResourceAsStream(resource)) {
      Files.copy(Objects.requireNonNull(in, resource), file, StandardCopyOption.REPLACE_EXISTING);
    }
    file.toFile().deleteOnExit();
    dir.toFile().deleteOnExit();
    return file;
  }
}
