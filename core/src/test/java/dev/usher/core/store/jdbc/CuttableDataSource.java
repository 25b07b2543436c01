package dev.usher.core.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connections can be cut, as when the network to the database drops:
 * once cut, every statement and commit fails with a connection error (SQLState 08006) until
 * {@link #restore()}. It can also cut itself after a number of statements.
 */
final class CuttableDataSource implements DataSource {
  private final DataSource delegate;
  private final AtomicBoolean cut = new AtomicBoolean();
  private final AtomicInteger statementsBeforeCut = new AtomicInteger(-1);

  CuttableDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  void cut() {
    cut.set(true);
  }

  /** Cuts the connection when the n-th next statement is about to run. */
  void cutAfter(int statements) {
    statementsBeforeCut.set(statements);
  }

  void restore() {
    cut.set(false);
    statementsBeforeCut.set(-1);
  }

  private void check() throws SQLException {
    if (statementsBeforeCut.get() >= 0 && statementsBeforeCut.getAndDecrement() == 0) {
      cut.set(true);
    }
    if (cut.get()) {
      throw new SQLNonTransientConnectionException("connection reset by peer (cut by the test)", "08006");
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    check();
    Connection real = delegate.getConnection();
    InvocationHandler h = (proxy, method, args) -> {
      String name = method.getName();
      if (name.startsWith("prepare") || name.startsWith("create") || name.equals("commit")) {
        check();
      }
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
