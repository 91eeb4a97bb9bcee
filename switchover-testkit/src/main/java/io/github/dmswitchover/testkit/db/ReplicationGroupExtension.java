package io.github.dmswitchover.testkit.db;

import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts a {@link ReplicationGroup} for a test class (when registered on a
 * static field) or for each test (on an instance field), and stops it afterwards, also when the test
 * fails. Test methods and lifecycle methods may take the {@link ReplicationGroup} as a parameter.
 *
 * <pre>{@code
 * class FailoverIT {
 *   @RegisterExtension
 *   static final ReplicationGroupExtension MYSQL = ReplicationGroupExtension.of(GroupSpec.mysql().build());
 *
 *   @Test
 *   void replicas_receive_writes(ReplicationGroup group) {
 *     group.primary().writeTransactions(3);
 *     group.awaitReplication(Duration.ofSeconds(30));
 *   }
 * }
 * }</pre>
 *
 * <p>When no server can be started here the tests are skipped with a message saying what to
 * install, except with {@code CI=true}, where they fail. Thread-safe.
 */
public final class ReplicationGroupExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private final GroupSpec spec;
  private volatile ReplicationGroup group;
  private volatile boolean perClass;

  private ReplicationGroupExtension(GroupSpec spec) {
    this.spec = spec;
  }

  /** Returns an extension that starts a group as {@code spec} describes. */
  public static ReplicationGroupExtension of(GroupSpec spec) {
    return new ReplicationGroupExtension(Objects.requireNonNull(spec, "spec"));
  }

  /** Returns an extension for a MySQL group of three. */
  public static ReplicationGroupExtension mysql() {
    return of(GroupSpec.mysql().build());
  }

  /** Returns an extension for a MariaDB group of three. */
  public static ReplicationGroupExtension mariadb() {
    return of(GroupSpec.mariadb().build());
  }

  /** Returns the spec this extension starts groups from. */
  public GroupSpec spec() {
    return spec;
  }

  /**
   * Returns the running group.
   *
   * @throws IllegalStateException outside the extension's lifecycle
   */
  public ReplicationGroup group() {
    ReplicationGroup g = group;
    if (g == null) {
      throw new IllegalStateException("no " + spec + " is running: the group exists only while tests run");
    }
    return g;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    group = startOrSkip();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    closeGroup();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      group = startOrSkip();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      closeGroup();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == ReplicationGroup.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return group();
  }

  private ReplicationGroup startOrSkip() {
    try {
      return ReplicationGroup.start(spec);
    } catch (ServerUnavailableException e) {
      if (Environment.isCi()) {
        throw new ExtensionConfigurationException(
            "CI=true and " + spec + " cannot be started, so this fails instead of skipping: " + e.getMessage(), e);
      }
      Assumptions.abort(e.getMessage());
      throw e;
    }
  }

  private void closeGroup() {
    ReplicationGroup g = group;
    group = null;
    if (g != null) {
      g.close();
    }
  }
}
