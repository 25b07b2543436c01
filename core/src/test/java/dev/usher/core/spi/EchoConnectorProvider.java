package dev.usher.core.spi;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Entitlement;
import dev.usher.core.model.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A provider found through this module's test META-INF/services; its connector claims nothing. */
public class EchoConnectorProvider implements ConnectorProvider<EchoConnectorProvider.Config> {
  public enum Mode { FAST, SAFE }

  public record Config(
      @NotNull @Pattern(regexp = "https?://.+", message = "must be an absolute http(s) URL") String baseUrl,
      @NotNull Secret token,
      @Min(1) @Max(1000) int pageSize,
      Mode mode) {}

  public EchoConnectorProvider() {}

  @Override
  public String type() {
    return "echo";
  }

  @Override
  public Class<Config> configClass() {
    return Config.class;
  }

  @Override
  public Connector create(Config config, ConnectorContext context) {
    return new Echo(config, context);
  }

  /** Claims no capability, so every operation is refused. */
  public static final class Echo implements Connector {
    public final Config config;
    public final ConnectorContext context;

    Echo(Config config, ConnectorContext context) {
      this.config = config;
      this.context = context;
    }

    private UnsupportedCapabilityException no(String op, Capability c) {
      return new UnsupportedCapabilityException(context.origin("echo", op), c);
    }

    @Override public Capabilities capabilities() { return Capabilities.of(); }
    @Override public Account create(Account account) { throw no("create", Capability.CREATE_ACCOUNT); }
    @Override public Optional<Account> get(String id) { throw no("get", Capability.GET_ACCOUNT); }
    @Override public List<Account> find(String a, AttributeValue v) { throw no("find", Capability.FIND_ACCOUNT); }
    @Override public Page<Account> listAccounts(PageRequest r) { throw no("listAccounts", Capability.LIST_ACCOUNTS); }
    @Override public Account update(String id, List<AttributeChange> c) { throw no("update", Capability.UPDATE_ACCOUNT); }
    @Override public void enable(String id) { throw no("enable", Capability.DISABLE_ACCOUNT); }
    @Override public void disable(String id) { throw no("disable", Capability.DISABLE_ACCOUNT); }
    @Override public void delete(String id) { throw no("delete", Capability.DELETE_ACCOUNT); }
    @Override public Page<Entitlement> listEntitlements(PageRequest r) { throw no("listEntitlements", Capability.LIST_ENTITLEMENTS); }
    @Override public Optional<Entitlement> getEntitlement(String id) { throw no("getEntitlement", Capability.LIST_ENTITLEMENTS); }
    @Override public void grant(String a, String e) { throw no("grant", Capability.GRANT); }
    @Override public void revoke(String a, String e) { throw no("revoke", Capability.GRANT); }
    @Override public Set<String> grantsOf(String a) { throw no("grantsOf", Capability.LIST_ACCOUNT_GRANTS); }
    @Override public Page<String> members(String e, PageRequest r) { throw no("members", Capability.LIST_MEMBERS); }
    @Override public void test() { throw no("test", Capability.TEST_CONNECTION); }
    @Override public void close() {}
  }

  /** A second provider that claims the same type, to prove duplicates are refused. */
  public static class Twin extends EchoConnectorProvider {
    public Twin() {}
  }
}
