package io.github.dmswitchover.testkit.dm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A DM task configuration (the YAML given to {@code start-task}): name, mode, downstream and one
 * {@code mysql-instances} entry per source. Immutable; built with {@link #builder(String)} or read
 * with {@link #fromYaml(String)}.
 *
 * <pre>{@code
 * TaskConfig task = TaskConfig.builder("orders")
 *     .withMode(TaskConfig.Mode.INCREMENTAL)
 *     .withTarget("127.0.0.1", 4000, "root", "")
 *     .withSource("mysql-replica-01", "")      // meta binlog-gtid: start from nothing
 *     .build();
 * }</pre>
 */
public final class TaskConfig {
  /** {@code task-mode}. */
  public enum Mode {
    /** Dump, load, then replicate. */
    ALL("all"),
    /** Dump and load only. */
    FULL("full"),
    /** Replicate from {@code meta} or the checkpoint. */
    INCREMENTAL("incremental");

    private final String text;

    Mode(String text) {
      this.text = text;
    }

    /** Returns the YAML value, e.g. {@code incremental}. */
    public String text() {
      return text;
    }

    static Mode of(String text) {
      for (Mode m : values()) {
        if (m.text.equals(text)) {
          return m;
        }
      }
      throw new IllegalArgumentException("task-mode must be full, incremental or all, got '" + text + "'");
    }
  }

  /**
   * One {@code mysql-instances} entry.
   *
   * @param sourceId the source
   * @param metaBinlogGtid {@code meta.binlog-gtid}, where an incremental task starts when it has no checkpoint
   * @param metaBinlogName {@code meta.binlog-name}
   * @param metaBinlogPos {@code meta.binlog-pos}
   */
  public record Instance(String sourceId, Optional<String> metaBinlogGtid, Optional<String> metaBinlogName, long metaBinlogPos) {
    /** Checks the fields. */
    public Instance {
      Objects.requireNonNull(sourceId, "sourceId");
      Objects.requireNonNull(metaBinlogGtid, "metaBinlogGtid");
      Objects.requireNonNull(metaBinlogName, "metaBinlogName");
    }
  }

  private final String name;
  private final Mode mode;
  private final Optional<String> shardMode;
  private final String metaSchema;
  private final String targetHost;
  private final int targetPort;
  private final String targetUser;
  private final String targetPassword;
  private final List<Instance> instances;

  private TaskConfig(Builder b) {
    this.name = b.name;
    this.mode = b.mode;
    this.shardMode = Optional.ofNullable(b.shardMode);
    this.metaSchema = b.metaSchema;
    this.targetHost = b.targetHost;
    this.targetPort = b.targetPort;
    this.targetUser = b.targetUser;
    this.targetPassword = b.targetPassword;
    this.instances = Collections.unmodifiableList(new ArrayList<>(b.instances));
  }

  /**
   * Returns a builder for a task with this name.
   *
   * @throws IllegalArgumentException if the name is blank
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Reads DM's task YAML.
   *
   * @throws IllegalArgumentException if it cannot be read; the message names what is wrong
   * @throws DmConfigException if it is YAML but DM would refuse it (missing name, mode, target, ...)
   */
  public static TaskConfig fromYaml(String yaml) {
    JsonNode n = Yaml.read(yaml, "task configuration");
    String name = Yaml.text(n, "name").filter(s -> !s.isBlank()).orElseThrow(() -> new DmConfigException(DmError.taskNameMissing()));
    Builder b = builder(name);
    String mode = Yaml.text(n, "task-mode").orElse("");
    try {
      b.withMode(Mode.of(mode));
    } catch (IllegalArgumentException e) {
      throw new DmConfigException(DmError.taskModeInvalid());
    }
    Yaml.text(n, "shard-mode").filter(s -> !s.isEmpty()).ifPresent(s -> {
      if (!s.equals("pessimistic") && !s.equals("optimistic")) {
        throw new DmConfigException(DmError.shardModeInvalid(s));
      }
      b.withShardMode(s);
    });
    Yaml.text(n, "meta-schema").filter(s -> !s.isEmpty()).ifPresent(b::withMetaSchema);
    JsonNode target = n.path("target-database");
    if (!target.isObject() || !target.hasNonNull("host")) {
      throw new DmConfigException(DmError.targetDatabaseMissing());
    }
    b.withTarget(target.path("host").asText(), target.path("port").asInt(4000),
        Yaml.text(target, "user").orElse("root"), Yaml.text(target, "password").orElse(""));
    JsonNode list = n.path("mysql-instances");
    java.util.Map<String, Integer> index = new java.util.HashMap<>();
    int i = 0;
    for (JsonNode inst : list) {
      String source = Yaml.text(inst, "source-id").orElseThrow(() -> new IllegalArgumentException(
          "task configuration " + name + ": a mysql-instances entry has no `source-id`"));
      Integer previous = index.put(source, i);
      if (previous != null) {
        throw new DmConfigException(DmError.duplicateSourceInTask(previous, i, source));
      }
      JsonNode meta = inst.path("meta");
      Optional<String> gtid = meta.isObject() ? Yaml.text(meta, "binlog-gtid") : Optional.empty();
      Optional<String> file = meta.isObject() ? Yaml.text(meta, "binlog-name") : Optional.empty();
      long pos = meta.path("binlog-pos").asLong(4);
      if (mode.equals("incremental") && !meta.isObject()) {
        b.instances.add(new Instance(source, Optional.empty(), Optional.empty(), 4));
      } else {
        b.instances.add(new Instance(source, gtid, file, pos));
      }
      i++;
    }
    if (b.instances.isEmpty()) {
      throw new IllegalArgumentException("task configuration " + name + ": `mysql-instances` is empty");
    }
    return b.build();
  }

  /** Returns this task as DM's YAML (passwords included). */
  public String toYaml() {
    return Yaml.write(toTree(false));
  }

  ObjectNode toTree(boolean maskPasswords) {
    ObjectNode n = Yaml.object();
    n.put("name", name);
    n.put("task-mode", mode.text());
    shardMode.ifPresent(s -> n.put("shard-mode", s));
    n.put("meta-schema", metaSchema);
    ObjectNode target = n.putObject("target-database");
    target.put("host", targetHost);
    target.put("port", targetPort);
    target.put("user", targetUser);
    target.put("password", maskPasswords ? "******" : targetPassword);
    ArrayNode list = n.putArray("mysql-instances");
    for (Instance inst : instances) {
      ObjectNode o = list.addObject();
      o.put("source-id", inst.sourceId());
      if (inst.metaBinlogGtid().isPresent() || inst.metaBinlogName().isPresent()) {
        ObjectNode meta = o.putObject("meta");
        inst.metaBinlogName().ifPresent(f -> meta.put("binlog-name", f));
        meta.put("binlog-pos", inst.metaBinlogPos());
        inst.metaBinlogGtid().ifPresent(g -> meta.put("binlog-gtid", g));
      }
    }
    return n;
  }

  /** Returns the task name. */
  public String name() {
    return name;
  }

  /** Returns {@code task-mode}. */
  public Mode mode() {
    return mode;
  }

  /** Returns {@code shard-mode} when set. */
  public Optional<String> shardMode() {
    return shardMode;
  }

  /** Returns {@code meta-schema}, where DM keeps the checkpoints downstream (default {@code dm_meta}). */
  public String metaSchema() {
    return metaSchema;
  }

  /** Returns the downstream host. */
  public String targetHost() {
    return targetHost;
  }

  /** Returns the downstream port. */
  public int targetPort() {
    return targetPort;
  }

  /** Returns the downstream user. */
  public String targetUser() {
    return targetUser;
  }

  /** Returns the downstream password. */
  public String targetPassword() {
    return targetPassword;
  }

  /** Returns the {@code mysql-instances} entries, in order. */
  public List<Instance> instances() {
    return instances;
  }

  /** Returns the instance for one source, if the task uses it. */
  public Optional<Instance> instance(String sourceId) {
    return instances.stream().filter(i -> i.sourceId().equals(sourceId)).findFirst();
  }

  /** Returns a builder holding this configuration. */
  public Builder toBuilder() {
    Builder b = builder(name).withMode(mode).withMetaSchema(metaSchema)
        .withTarget(targetHost, targetPort, targetUser, targetPassword);
    shardMode.ifPresent(b::withShardMode);
    b.instances.addAll(instances);
    return b;
  }

  /** Returns the name, mode and sources; never a password. */
  @Override
  public String toString() {
    return "TaskConfig[" + name + " " + mode.text() + " on " + instances.stream().map(Instance::sourceId).toList() + "]";
  }

  /** Builds a {@link TaskConfig}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private Mode mode = Mode.INCREMENTAL;
    private String shardMode;
    private String metaSchema = "dm_meta";
    private String targetHost = "127.0.0.1";
    private int targetPort = 4000;
    private String targetUser = "root";
    private String targetPassword = "";
    private final List<Instance> instances = new ArrayList<>();

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("task name must not be blank");
      }
      this.name = name;
    }

    /** Sets {@code task-mode} (default incremental). */
    public Builder withMode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Sets {@code shard-mode}.
     *
     * @throws IllegalArgumentException unless it is {@code pessimistic} or {@code optimistic}
     */
    public Builder withShardMode(String shardMode) {
      if (!"pessimistic".equals(shardMode) && !"optimistic".equals(shardMode)) {
        throw new IllegalArgumentException("shard-mode must be pessimistic or optimistic, got '" + shardMode + "'");
      }
      this.shardMode = shardMode;
      return this;
    }

    /** Sets {@code meta-schema}. */
    public Builder withMetaSchema(String metaSchema) {
      this.metaSchema = Objects.requireNonNull(metaSchema, "metaSchema");
      return this;
    }

    /** Sets the downstream ({@code target-database}). */
    public Builder withTarget(String host, int port, String user, String password) {
      this.targetHost = Objects.requireNonNull(host, "host");
      this.targetPort = port;
      this.targetUser = Objects.requireNonNull(user, "user");
      this.targetPassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Adds a source whose incremental replication starts at {@code metaBinlogGtid} when the task has no
     * checkpoint yet ({@code ""} = from nothing).
     *
     * @throws IllegalArgumentException if the source is already in the task
     */
    public Builder withSource(String sourceId, String metaBinlogGtid) {
      Objects.requireNonNull(metaBinlogGtid, "metaBinlogGtid");
      return add(new Instance(sourceId, Optional.of(metaBinlogGtid), Optional.empty(), 4));
    }

    /**
     * Adds a source without {@code meta} (for {@code all} and {@code full} tasks).
     *
     * @throws IllegalArgumentException if the source is already in the task
     */
    public Builder withSource(String sourceId) {
      return add(new Instance(sourceId, Optional.empty(), Optional.empty(), 4));
    }

    private Builder add(Instance instance) {
      for (Instance i : instances) {
        if (i.sourceId().equals(instance.sourceId())) {
          throw new IllegalArgumentException("source " + instance.sourceId() + " is already in task " + name);
        }
      }
      instances.add(instance);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws IllegalArgumentException if no source was added
     */
    public TaskConfig build() {
      if (instances.isEmpty()) {
        throw new IllegalArgumentException("task " + name + " needs at least one source");
      }
      return new TaskConfig(this);
    }
  }
}
