package dev.usher.core.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usher.core.json.UsherJson;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.User;
import dev.usher.core.plan.OperationType;
import dev.usher.core.plan.StagedOperation;
import dev.usher.core.source.RememberedUsers;
import dev.usher.core.source.SnapshotStore;
import dev.usher.core.store.Link;
import dev.usher.core.store.PendingOperation;
import dev.usher.core.store.StateStore;
import dev.usher.core.store.StateStoreException;
import dev.usher.core.store.WorkLeases;
import dev.usher.core.store.internal.Leasing;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StateStore} in a relational database: an embedded H2 file (the default for a single
 * process) or PostgreSQL 15+ (for services whose nodes share state). The store creates and
 * upgrades its own tables when it opens (versioned scripts, recorded in
 * {@code usher_schema_version}); it refuses a schema written by a newer Usher. Every row
 * carries the tenant id and every statement names it, so one database serves many
 * organisations.
 *
 * <p>Each call is one transaction: a journal entry is written whole or not at all, and a lost
 * connection surfaces as a {@link StateStoreException} whose
 * {@link StateStoreException#connectionLost()} is true. Instants are kept to the microsecond.
 *
 * <pre>{@code
 * JdbcStateStore store = JdbcStateStore.embedded(Path.of("usher-state"));      // H2 file
 * JdbcStateStore shared = JdbcStateStore.builder()
 *     .dataSource(pooledPostgresDataSource)                                  // e.g. HikariCP
 *     .clock(clock)
 *     .build();
 * WorkLeases leases = shared.workLeases("node-1", Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>Thread-safe. Give it a pooling data source: the store borrows a connection per call.
 */
public final class JdbcStateStore implements StateStore, AutoCloseable {

  /** The newest schema version this Usher knows. */
  public static final int SCHEMA_VERSION = Migrations.LATEST;

  private static final TypeReference<Map<String, AttributeValue>> VALUES = new TypeReference<>() {};
  static final String PENDING = "PENDING";
  static final String COMPLETED = "COMPLETED";

  private final DataSource dataSource;
  private final Clock clock;
  private final Dialect dialect;
  private final String where;
  private final ObjectMapper json = UsherJson.newMapper();
  private final @Nullable AutoCloseable owned;
  private final String upsertLink;
  private final String upsertTenant;
  private final String upsertSnapshot;
  private final String upsertJournal;
  private volatile boolean closed;

  private JdbcStateStore(Builder b, DataSource dataSource, @Nullable AutoCloseable owned, String where) {
    this.dataSource = dataSource;
    this.clock = b.clock;
    this.owned = owned;
    Dialect d;
    try (Connection c = dataSource.getConnection()) {
      d = Dialect.of(c);
      this.where = where.isEmpty() ? d.product() + " " + withoutSettings(c.getMetaData().getURL()) : where;
      Migrations.migrate(c, d, clock.instant(), Migrations.SCRIPTS, this.where);
    } catch (SQLException e) {
      closeQuietly(owned);
      throw failure("open the state store" + (where.isEmpty() ? "" : " in " + where), null, e, "database");
    } catch (RuntimeException e) {
      closeQuietly(owned);
      throw e;
    }
    this.dialect = d;
    this.upsertLink = d.upsert("usher_link", List.of("tenant_id", "application_id", "user_id"),
        List.of("tenant_id", "application_id", "user_id", "account_id", "linked_at", "disabled_at",
            "last_applied", "updated_at"));
    this.upsertTenant = d.upsert("usher_tenant", List.of("tenant_id"),
        List.of("tenant_id", "last_source_size", "updated_at"));
    this.upsertSnapshot = d.upsert("usher_source_snapshot", List.of("tenant_id", "source_name"),
        List.of("tenant_id", "source_name", "taken_at", "change_token", "active_users", "updated_at"));
    this.upsertJournal = d.upsert("usher_journal", List.of("tenant_id", "id"),
        List.of("tenant_id", "id", "application_id", "operation_id", "op_type", "user_id", "account_id",
            "started_at", "status", "completed_at"));
    if (b.journalRetention != null) {
      pruneJournal(clock.instant().minus(b.journalRetention));
    }
  }

  /**
   * The store in an embedded H2 database in this directory (created if missing): state
   * survives restarts and crashes of this process. An embedded database serves one process
   * at a time; nodes that share state use PostgreSQL.
   *
   * @throws StateStoreException when H2 is not on the class path, the directory cannot be
   *     used, or another process has the database open
   */
  public static JdbcStateStore embedded(Path directory) {
    return builder().embedded(directory).build();
  }

  /** The store in this database, with the system clock. */
  public static JdbcStateStore of(DataSource dataSource) {
    return builder().dataSource(dataSource).build();
  }

  /** A builder: choose {@link Builder#dataSource} or {@link Builder#embedded}. */
  public static Builder builder() {
    return new Builder();
  }

  /** "H2 ..." or "PostgreSQL ...": the database this store writes to, for logs and messages. */
  public String database() {
    return where;
  }

  /** The schema version of the database (after the store migrated it). */
  public int schemaVersion() {
    return call("read the schema version", null, false, Migrations::currentVersion);
  }

  /**
   * Leases that split work between the nodes sharing this database, for the node
   * {@code nodeId}. On PostgreSQL, claims use {@code SELECT ... FOR UPDATE SKIP LOCKED}, so
   * nodes claiming at the same moment never wait for each other.
   */
  public WorkLeases workLeases(String nodeId, Duration leaseDuration) {
    return new JdbcWorkLeases(this, Leasing.requireNodeId(nodeId), Leasing.requireDuration(leaseDuration));
  }

  // ---------------------------------------------------------------- links

  @Override
  public Optional<Link> link(String tenantId, String applicationId, String userId) {
    tenant(tenantId);
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(userId, "userId");
    return call("read the link of user '" + userId + "' in '" + applicationId + "'", tenantId, false,
        c -> oneLink(c, "user_id", tenantId, applicationId, userId));
  }

  @Override
  public Map<String, Link> links(String tenantId, String applicationId) {
    tenant(tenantId);
    Objects.requireNonNull(applicationId, "applicationId");
    return call("read the links of '" + applicationId + "'", tenantId, true, c -> {
      Map<String, Link> out = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          SELECT_LINKS + " WHERE tenant_id = ? AND application_id = ? ORDER BY user_id")) {
        ps.setFetchSize(1000);
        ps.setString(1, tenantId);
        ps.setString(2, applicationId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Link l = link(rs);
            out.put(l.userId(), l);
          }
        }
      }
      return Collections.unmodifiableMap(out);
    });
  }

  @Override
  public Optional<Link> linkOfAccount(String tenantId, String applicationId, String accountId) {
    tenant(tenantId);
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(accountId, "accountId");
    return call("read the link of account '" + accountId + "' in '" + applicationId + "'", tenantId, false,
        c -> oneLink(c, "account_id", tenantId, applicationId, accountId));
  }

  private static final String SELECT_LINKS =
      "SELECT application_id, user_id, account_id, linked_at, disabled_at, last_applied FROM usher_link";

  /** The first link (by user id) whose {@code keyColumn} holds {@code key}; {@code keyColumn} is a constant. */
  private Optional<Link> oneLink(Connection c, String keyColumn, String tenantId, String applicationId, String key)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT_LINKS
        + " WHERE tenant_id = ? AND application_id = ? AND " + keyColumn + " = ? ORDER BY user_id")) {
      ps.setString(1, tenantId);
      ps.setString(2, applicationId);
      ps.setString(3, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(link(rs)) : Optional.empty();
      }
    }
  }

  @Override
  public void saveLink(String tenantId, Link link) {
    tenant(tenantId);
    Objects.requireNonNull(link, "link");
    String lastApplied = write(link.lastApplied(), "last applied values of user '" + link.userId() + "'");
    call("save the link of user '" + link.userId() + "' in '" + link.applicationId() + "'", tenantId, false, c -> {
      try (PreparedStatement ps = c.prepareStatement(upsertLink)) {
        ps.setString(1, tenantId);
        ps.setString(2, link.applicationId());
        ps.setString(3, link.userId());
        ps.setString(4, link.accountId());
        ps.setObject(5, timestamp(link.linkedAt()));
        ps.setObject(6, link.disabledAt() == null ? null : timestamp(link.disabledAt()));
        ps.setString(7, lastApplied);
        ps.setObject(8, timestamp(clock.instant()));
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void removeLink(String tenantId, String applicationId, String userId) {
    tenant(tenantId);
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(userId, "userId");
    call("remove the link of user '" + userId + "' in '" + applicationId + "'", tenantId, false, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM usher_link WHERE tenant_id = ? AND application_id = ? AND user_id = ?")) {
        ps.setString(1, tenantId);
        ps.setString(2, applicationId);
        ps.setString(3, userId);
        return ps.executeUpdate();
      }
    });
  }

  private Link link(ResultSet rs) throws SQLException {
    String userId = rs.getString(2);
    return new Link(rs.getString(1), userId, rs.getString(3), instant(rs, 4),
        instantOrNull(rs, 5), read(rs.getString(6), VALUES, "last applied values of user '" + userId + "'"));
  }

  // ---------------------------------------------------------------- staged operations

  @Override
  public List<StagedOperation> staged(String tenantId) {
    tenant(tenantId);
    return call("read the staged operations", tenantId, false, c -> {
      List<StagedOperation> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, operation FROM usher_staged WHERE tenant_id = ? ORDER BY seq")) {
        ps.setString(1, tenantId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(read(rs.getString(2), StagedOperation.class, "staged operation '" + rs.getString(1) + "'"));
          }
        }
      }
      return List.copyOf(out);
    });
  }

  @Override
  public void saveStaged(String tenantId, Collection<StagedOperation> operations) {
    tenant(tenantId);
    Objects.requireNonNull(operations, "operations");
    Map<String, String> bodies = new LinkedHashMap<>();
    for (StagedOperation s : operations) {
      Objects.requireNonNull(s, "operations contains null");
      bodies.put(s.id(), write(s, "staged operation '" + s.id() + "'"));
    }
    if (bodies.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    call("stage " + bodies.size() + " operation(s)", tenantId, true, c -> {
      // Update first so a re-staged operation keeps its place; insert the rest.
      try (PreparedStatement update = c.prepareStatement(
               "UPDATE usher_staged SET operation = ?, staged_at = ? WHERE tenant_id = ? AND id = ?");
           PreparedStatement insert = c.prepareStatement(
               "INSERT INTO usher_staged (tenant_id, id, operation, staged_at) VALUES (?, ?, ?, ?)")) {
        for (Map.Entry<String, String> e : bodies.entrySet()) {
          update.setString(1, e.getValue());
          update.setObject(2, timestamp(now));
          update.setString(3, tenantId);
          update.setString(4, e.getKey());
          if (update.executeUpdate() == 0) {
            insert.setString(1, tenantId);
            insert.setString(2, e.getKey());
            insert.setString(3, e.getValue());
            insert.setObject(4, timestamp(now));
            insert.executeUpdate();
          }
        }
      }
      return null;
    });
  }

  @Override
  public void removeStaged(String tenantId, Collection<String> ids) {
    tenant(tenantId);
    Objects.requireNonNull(ids, "ids");
    if (ids.isEmpty()) {
      return;
    }
    call("remove " + ids.size() + " staged operation(s)", tenantId, true, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM usher_staged WHERE tenant_id = ? AND id = ?")) {
        for (String id : Set.copyOf(ids)) {
          ps.setString(1, tenantId);
          ps.setString(2, id);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  // ---------------------------------------------------------------- journal

  @Override
  public void beginPending(String tenantId, PendingOperation operation) {
    tenant(tenantId);
    Objects.requireNonNull(operation, "operation");
    call("write journal entry '" + operation.id() + "' (" + operation.type().label() + " in '"
        + operation.applicationId() + "') before sending it", tenantId, false, c -> {
      try (PreparedStatement ps = c.prepareStatement(upsertJournal)) {
        ps.setString(1, tenantId);
        ps.setString(2, operation.id());
        ps.setString(3, operation.applicationId());
        ps.setString(4, operation.operationId());
        ps.setString(5, operation.type().name());
        ps.setString(6, operation.userId());
        ps.setString(7, operation.accountId());
        ps.setObject(8, timestamp(operation.startedAt()));
        ps.setString(9, PENDING);
        ps.setObject(10, null);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void completePending(String tenantId, String pendingId) {
    tenant(tenantId);
    Objects.requireNonNull(pendingId, "pendingId");
    call("complete journal entry '" + pendingId + "'", tenantId, false, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE usher_journal SET status = ?, completed_at = ?"
          + " WHERE tenant_id = ? AND id = ? AND status = ?")) {
        ps.setString(1, COMPLETED);
        ps.setObject(2, timestamp(clock.instant()));
        ps.setString(3, tenantId);
        ps.setString(4, pendingId);
        ps.setString(5, PENDING);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<PendingOperation> pending(String tenantId) {
    tenant(tenantId);
    return call("read the journal", tenantId, false, c -> {
      List<PendingOperation> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, application_id, operation_id, op_type, user_id, account_id, started_at FROM usher_journal"
              + " WHERE tenant_id = ? AND status = ? ORDER BY started_at, id")) {
        ps.setString(1, tenantId);
        ps.setString(2, PENDING);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new PendingOperation(rs.getString(1), rs.getString(2), rs.getString(3),
                operationType(rs.getString(4), rs.getString(1)), rs.getString(5), rs.getString(6), instant(rs, 7)));
          }
        }
      }
      return List.copyOf(out);
    });
  }

  /**
   * Deletes completed journal entries finished before {@code before}, for every tenant; PENDING
   * entries stay until completed. The builder's {@link Builder#journalRetention} runs this
   * when the store opens.
   *
   * @return how many entries were deleted
   */
  public int pruneJournal(Instant before) {
    Objects.requireNonNull(before, "before");
    return call("prune the journal", null, false, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM usher_journal WHERE status = ? AND completed_at < ?")) {
        ps.setString(1, COMPLETED);
        ps.setObject(2, timestamp(before));
        return ps.executeUpdate();
      }
    });
  }

  private static OperationType operationType(String name, String id) {
    try {
      return OperationType.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new StateStoreException("journal entry '" + id + "' has operation type '" + name
          + "', which this Usher does not know", e);
    }
  }

  // ---------------------------------------------------------------- tenant values

  @Override
  public OptionalInt lastSourceSize(String tenantId) {
    tenant(tenantId);
    return call("read the last source size", tenantId, false, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT last_source_size FROM usher_tenant WHERE tenant_id = ?")) {
        ps.setString(1, tenantId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return OptionalInt.empty();
          }
          int size = rs.getInt(1);
          return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(size);
        }
      }
    });
  }

  @Override
  public void saveSourceSize(String tenantId, int size) {
    tenant(tenantId);
    if (size < 0) {
      throw new IllegalArgumentException("source size must be >= 0, was " + size);
    }
    call("save the source size", tenantId, false, c -> {
      try (PreparedStatement ps = c.prepareStatement(upsertTenant)) {
        ps.setString(1, tenantId);
        ps.setInt(2, size);
        ps.setObject(3, timestamp(clock.instant()));
        return ps.executeUpdate();
      }
    });
  }

  // ---------------------------------------------------------------- source snapshots

  /**
   * What change detection remembers of each source, for this tenant, kept in this database
   * (table {@code usher_source_snapshot}, keyed by tenant and source name): the first
   * detection after a restart compares with the last one instead of seeing everyone as a
   * joiner. The view is thread-safe and as durable as the store.
   *
   * <pre>{@code
   * ChangeDetector detector = ChangeDetector.builder(store.snapshots("acme")).build();
   * }</pre>
   */
  public SnapshotStore snapshots(String tenantId) {
    return new TenantSnapshots(tenant(tenantId));
  }

  /** The {@link SnapshotStore} of one tenant over this store's database. */
  private final class TenantSnapshots implements SnapshotStore {
    private final String tenantId;

    TenantSnapshots(String tenantId) {
      this.tenantId = tenantId;
    }

    @Override
    public Optional<RememberedUsers> load(String sourceName) {
      Objects.requireNonNull(sourceName, "sourceName");
      return call("read the snapshot of source '" + sourceName + "'", tenantId, false, c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT taken_at, change_token, active_users"
            + " FROM usher_source_snapshot WHERE tenant_id = ? AND source_name = ?")) {
          ps.setString(1, tenantId);
          ps.setString(2, sourceName);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            Map<String, User> users = read(rs.getString(3), USERS_BY_ID,
                "snapshot of source '" + sourceName + "' for tenant '" + tenantId + "'");
            return Optional.of(new RememberedUsers(instant(rs, 1), users, rs.getString(2)));
          }
        }
      });
    }

    @Override
    public void save(String sourceName, RememberedUsers users) {
      Objects.requireNonNull(sourceName, "sourceName");
      Objects.requireNonNull(users, "users");
      String text = write(users.activeUsers(), "snapshot of source '" + sourceName + "'");
      call("save the snapshot of source '" + sourceName + "'", tenantId, false, c -> {
        try (PreparedStatement ps = c.prepareStatement(upsertSnapshot)) {
          ps.setString(1, tenantId);
          ps.setString(2, sourceName);
          ps.setObject(3, timestamp(users.takenAt()));
          ps.setString(4, users.changeToken());
          ps.setString(5, text);
          ps.setObject(6, timestamp(clock.instant()));
          return ps.executeUpdate();
        }
      });
    }

    @Override
    public String toString() {
      return "JdbcSnapshotStore[" + tenantId + " in " + where + "]";
    }
  }

  private static final TypeReference<LinkedHashMap<String, User>> USERS_BY_ID = new TypeReference<>() {};

  // ---------------------------------------------------------------- plumbing

  /** Closes the embedded database (a data source passed in stays open: its owner closes it). */
  @Override
  public void close() {
    closed = true;
    closeQuietly(owned);
  }

  @Override
  public String toString() {
    return "JdbcStateStore[" + where + "]";
  }

  Clock clock() {
    return clock;
  }

  Dialect dialect() {
    return dialect;
  }

  /** Work done on one borrowed connection. */
  interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs the work on a borrowed connection: as one transaction when {@code transaction}, else
   * in auto-commit (one statement). SQL failures become {@link StateStoreException}s that say
   * what was being done for whom.
   */
  <T> T call(String what, @Nullable String tenantId, boolean transaction, SqlWork<T> work) {
    if (closed) {
      throw new StateStoreException("state store (" + where + ") is closed: cannot " + what
          + (tenantId != null ? " for tenant '" + tenantId + "'" : ""));
    }
    try (Connection c = dataSource.getConnection()) {
      if (c.getAutoCommit() == transaction) {
        c.setAutoCommit(!transaction);
      }
      if (!transaction) {
        return work.run(c);
      }
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw failure(what, tenantId, e, where);
    }
  }

  static StateStoreException failure(String what, @Nullable String tenantId, SQLException e, String where) {
    boolean lost = isConnectionLost(e);
    String state = e.getSQLState();
    String message = "state store (" + where + "): "
        + (lost ? "lost the connection to the database while trying to " : "could not ")
        + what + (tenantId != null ? " for tenant '" + tenantId + "'" : "")
        + ": " + e.getMessage() + (state != null ? " [SQLState " + state + "]" : "")
        + (lost ? ". The call's transaction did not complete; retry once the database is reachable." : "");
    return new StateStoreException(message, state, lost, e);
  }

  static boolean isConnectionLost(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLRecoverableException || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String st = s.getSQLState();
        // 08: connection exception; 57P0x: PostgreSQL terminated the session; 90067/90098/90121:
        // H2's broken connection, closed database, database closed at JVM shutdown.
        if (st.startsWith("08") || st.startsWith("57P0") || st.equals("90067") || st.equals("90098")
            || st.equals("90121")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A JDBC URL fit for messages and logs: without its settings ({@code ?...} or {@code ;...}),
   * which may hold a password, and without user information before the host.
   */
  static String withoutSettings(@Nullable String url) {
    if (url == null) {
      return "(no URL)";
    }
    int cut = url.length();
    for (char c : new char[] {'?', ';'}) {
      int i = url.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    return url.substring(0, cut).replaceFirst("//[^/@]*@", "//");
  }

  static String tenant(String tenantId) {
    return Leasing.requireTenant(tenantId);
  }

  static OffsetDateTime timestamp(Instant instant) {
    return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    Instant i = instantOrNull(rs, column);
    if (i == null) {
      throw new SQLException("column " + rs.getMetaData().getColumnName(column) + " is null");
    }
    return i;
  }

  static @Nullable Instant instantOrNull(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private String write(Object value, String what) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StateStoreException("could not write the " + what + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private <T> T read(String text, Class<T> type, String what) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new StateStoreException("state store (" + where + "): the stored " + what
          + " is not valid: " + e.getOriginalMessage(), e);
    }
  }

  private <T> T read(String text, TypeReference<T> type, String what) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new StateStoreException("state store (" + where + "): the stored " + what
          + " is not valid: " + e.getOriginalMessage(), e);
    }
  }

  private static void closeQuietly(@Nullable AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing is best effort; the process may be going down
      }
    }
  }

  /** Builds a {@link JdbcStateStore}; not thread-safe. */
  public static final class Builder {
    private @Nullable DataSource dataSource;
    private @Nullable Path directory;
    private Clock clock = Clock.systemUTC();
    private @Nullable Duration journalRetention = Duration.ofDays(30);

    private Builder() {}

    /** The database: a pooling data source for H2 or PostgreSQL 15+. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** An embedded H2 database in this directory, instead of a data source. */
    public Builder embedded(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** The clock for timestamps and lease expiry; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long completed journal entries are kept (for looking back at what ran); they are
     * pruned when the store opens. 30 days by default; null keeps them forever.
     */
    public Builder journalRetention(@Nullable Duration retention) {
      if (retention != null && retention.isNegative()) {
        throw new IllegalArgumentException("journalRetention must not be negative, was " + retention);
      }
      this.journalRetention = retention;
      return this;
    }

    /**
     * Opens the store: connects, then creates or upgrades the schema.
     *
     * @throws IllegalStateException when neither or both of dataSource and embedded were set
     * @throws StateStoreException when the database cannot be reached or its schema is newer
     */
    public JdbcStateStore build() {
      if ((dataSource == null) == (directory == null)) {
        throw new IllegalStateException("set exactly one of dataSource(...) and embedded(...)");
      }
      if (dataSource != null) {
        return new JdbcStateStore(this, dataSource, null, "");
      }
      try {
        Class.forName("org.h2.Driver", false, JdbcStateStore.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new StateStoreException("JdbcStateStore.embedded needs the H2 database on the class path "
            + "(com.h2database:h2, an optional dependency of usher-core): add it, or pass a DataSource", e);
      }
      EmbeddedH2 h2 = EmbeddedH2.open(Objects.requireNonNull(directory));
      return new JdbcStateStore(this, h2.dataSource(), h2, "H2 file " + h2.file());
    }
  }
}
