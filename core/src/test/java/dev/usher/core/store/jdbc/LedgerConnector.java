package dev.usher.core.store.jdbc;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Entitlement;
import dev.usher.core.spi.AlreadyExistsException;
import dev.usher.core.spi.AttributeChange;
import dev.usher.core.spi.Capabilities;
import dev.usher.core.spi.Capability;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.Page;
import dev.usher.core.spi.PageRequest;
import dev.usher.core.spi.UnsupportedCapabilityException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A target application that outlives the process using it: every created account is one line
 * appended to a file ({@code id TAB userName TAB externalId}) with a single write, so a process
 * killed with SIGKILL leaves exactly the accounts it created. Creates, reads, finds and lists;
 * nothing else. Used by {@link CrashRecoveryTest}.
 */
final class LedgerConnector implements Connector {
  private final String applicationId;
  private final Path file;
  private final FileChannel channel;
  private final Map<String, Account> byId = new LinkedHashMap<>();
  private final Map<String, String> idByUserName = new HashMap<>();
  private final Map<String, String> idByExternalId = new HashMap<>();

  LedgerConnector(String applicationId, Path file) {
    this.applicationId = applicationId;
    this.file = file;
    try {
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String[] f = line.split("\t", -1);
          if (f.length == 3) {
            index(Account.builder(applicationId).id(f[0]).userName(f[1]).externalId(f[2]).build());
          }
        }
      }
      this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void index(Account a) {
    byId.put(a.id(), a);
    idByUserName.put(a.userName(), a.id());
    idByExternalId.put(a.externalId(), a.id());
  }

  /** Every line of a ledger file: one per account ever created. */
  static List<String[]> read(Path file) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      out.add(line.split("\t", -1));
    }
    return out;
  }

  private ConnectorException.Origin origin(String op) {
    return new ConnectorException.Origin("ledger", applicationId, op);
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.of(Capability.CREATE_ACCOUNT, Capability.GET_ACCOUNT, Capability.FIND_ACCOUNT,
        Capability.LIST_ACCOUNTS);
  }

  @Override
  public synchronized Account create(Account account) {
    if (idByUserName.containsKey(account.userName()) || idByExternalId.containsKey(account.externalId())) {
      throw new AlreadyExistsException(origin("create"), 409, "account " + account.userName() + " exists",
          idByExternalId.get(account.externalId()));
    }
    Account created = account.toBuilder().id(UUID.randomUUID().toString()).attributes(Map.of()).build();
    byte[] line = (created.id() + "\t" + created.userName() + "\t" + created.externalId() + "\n")
        .getBytes(StandardCharsets.UTF_8);
    try {
      ByteBuffer buf = ByteBuffer.wrap(line);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    index(created);
    return created;
  }

  @Override
  public synchronized Optional<Account> get(String accountId) {
    return Optional.ofNullable(byId.get(accountId));
  }

  @Override
  public synchronized List<Account> find(String attribute, AttributeValue value) {
    String text = value.asText().orElse("");
    String id = switch (attribute) {
      case Account.USER_NAME -> idByUserName.get(text);
      case Account.EXTERNAL_ID -> idByExternalId.get(text);
      default -> throw new UnsupportedCapabilityException(origin("find"), Capability.FIND_ACCOUNT,
          "the ledger finds by userName and externalId only, not " + attribute);
    };
    return id == null ? List.of() : List.of(byId.get(id));
  }

  @Override
  public synchronized Page<Account> listAccounts(PageRequest request) {
    List<Account> all = new ArrayList<>(byId.values());
    int from = request.token() == null ? 0 : Integer.parseInt(request.token());
    int to = Math.min(all.size(), from + request.size());
    List<Account> page = List.copyOf(all.subList(from, to));
    return to >= all.size() ? Page.last(page) : Page.of(page, String.valueOf(to));
  }

  @Override
  public Account update(String accountId, List<AttributeChange> changes) {
    throw new UnsupportedCapabilityException(origin("update"), Capability.UPDATE_ACCOUNT);
  }

  @Override
  public void enable(String accountId) {
    throw new UnsupportedCapabilityException(origin("enable"), Capability.DISABLE_ACCOUNT);
  }

  @Override
  public void disable(String accountId) {
    throw new UnsupportedCapabilityException(origin("disable"), Capability.DISABLE_ACCOUNT);
  }

  @Override
  public void delete(String accountId) {
    throw new UnsupportedCapabilityException(origin("delete"), Capability.DELETE_ACCOUNT);
  }

  @Override
  public Page<Entitlement> listEntitlements(PageRequest request) {
    return Page.last(List.of());
  }

  @Override
  public Optional<Entitlement> getEntitlement(String entitlementId) {
    return Optional.empty();
  }

  @Override
  public void grant(String accountId, String entitlementId) {
    throw new UnsupportedCapabilityException(origin("grant"), Capability.GRANT);
  }

  @Override
  public void revoke(String accountId, String entitlementId) {
    throw new UnsupportedCapabilityException(origin("revoke"), Capability.GRANT);
  }

  @Override
  public Set<String> grantsOf(String accountId) {
    return Set.of();
  }

  @Override
  public Page<String> members(String entitlementId, PageRequest request) {
    return Page.last(List.of());
  }

  @Override
  public void test() {}

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing a file we only appended to
    }
  }

  @Override
  public String toString() {
    return "LedgerConnector[" + file + "]";
  }
}
