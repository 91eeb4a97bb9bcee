package io.github.dmswitchover.testkit.dm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The master side of the dmctl stand-in: runs a dmctl command line (global flags already removed
 * by {@link DmctlMain}) against the simulated master and returns what dmctl would print, with its
 * exit code. DM 1.0 commands address workers ({@code -w host:port}); 2.0+ commands sources
 * ({@code -s}) (DM-FACTS b.2).
 */
final class DmctlStandIn {
  private final SimCluster cluster;
  private final MasterService service;

  DmctlStandIn(SimCluster cluster, MasterService service) {
    this.cluster = cluster;
    this.service = service;
  }

  /** What a dmctl run prints when the master it reached cannot forward to a leader. */
  ObjectNode notLeaderAnswer() {
    return answer("", "rpc error: code = Unknown desc = " + DmError.notLeaderCannotForward().flattened() + "\n", 1);
  }

  private static ObjectNode answer(String stdout, String stderr, int exit) {
    ObjectNode n = JsonText.object();
    n.put("stdout", stdout);
    n.put("stderr", stderr);
    n.put("exitCode", exit);
    return n;
  }

  /** Runs one command: {@code {"args": [...], "files": {"path": "content"}}}. */
  ObjectNode run(String requestBody) {
    JsonNode req;
    try {
      req = JsonText.MAPPER.readTree(requestBody);
    } catch (JsonProcessingException e) {
      return answer("", "invalid dmctl stand-in request: " + e.getOriginalMessage() + "\n", 2);
    }
    List<String> args = new ArrayList<>();
    req.path("args").forEach(a -> args.add(a.asText()));
    Map<String, String> files = new HashMap<>();
    req.path("files").properties().forEach(e -> files.put(e.getKey(), e.getValue().asText()));
    if (args.isEmpty()) {
      return answer("", "dmctl: no command given\n", 1);
    }
    try {
      Args a = new Args(args.subList(1, args.size()));
      ObjectNode out = cluster.profile() == DmProfile.V1_0 ? runV1(args.get(0), a, files) : runV2(args.get(0), a, files);
      if (out == null) {
        return answer("", "Error: unknown command \"" + args.get(0) + "\" for \"dmctl\" in DM " + cluster.profile().releaseVersion()
            + "\nRun 'dmctl --help' for usage.\n", 1);
      }
      return out;
    } catch (UsageException e) {
      return answer("", e.getMessage() + "\n", 1);
    }
  }

  private static ObjectNode printed(ObjectNode message) {
    return answer(JsonText.jsonpb(message) + "\n", "", 0);
  }

  private ObjectNode runV2(String cmd, Args a, Map<String, String> files) {
    List<String> sources = a.values("-s", "--source");
    switch (cmd) {
      case "query-status" -> {
        a.flag("--more");
        String task = a.optionalPositional();
        if (task.isEmpty() && sources.isEmpty() && !a.seen("--more")) {
          try {
            return answer(JsonText.goIndent(service.status().summary(false)) + "\n", "", 0);
          } catch (DmOperationException e) {
            return printed(resultMsg(false, e.dmText()));
          }
        }
        return printed(service.queryStatus(task, sources));
      }
      case "start-task" -> {
        boolean removeMeta = a.flag("--remove-meta");
        a.value("--start-time");
        String file = a.positional("config-file");
        return printed(service.startTask(read(files, file), sources, removeMeta));
      }
      case "pause-task", "resume-task", "stop-task" -> {
        String task = a.positional("task-name");
        String op = switch (cmd) {
          case "pause-task" -> "Pause";
          case "resume-task" -> "Resume";
          default -> cluster.profile().stopTaskIsDelete() ? "Delete" : "Stop";
        };
        // v6+ dmctl sends Delete and the master echoes the op it received (DM-FACTS b.2).
        return printed(service.operateTask(op, task, sources));
      }
      case "operate-source" -> {
        String op = a.positional("operate-type");
        String worker = a.value("-w", "--worker-name");
        List<String> rest = a.rest();
        return switch (op) {
          case "create" -> {
            List<String> configs = new ArrayList<>();
            for (String f : rest) {
              configs.add(read(files, f));
            }
            yield printed(service.operateSource("StartSource", configs, List.of(), worker));
          }
          case "stop" -> {
            List<String> configs = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (String f : rest) {
              if (files.containsKey(f)) {
                configs.add(files.get(f));
              } else {
                ids.add(f);
              }
            }
            yield printed(service.operateSource("StopSource", configs, ids, ""));
          }
          case "show" -> printed(service.operateSource("ShowSource", List.of(), rest, ""));
          case "update" -> printed(service.operateSource("UpdateSource", List.of(), rest, ""));
          default -> throw new UsageException("invalid operate-type " + op + ", must be one of create, stop, show, update");
        };
      }
      case "pause-relay", "resume-relay" -> {
        if (sources.isEmpty()) {
          throw new UsageException("must specify at least one source (`-s` / `--source`)");
        }
        return printed(service.operateWorkerRelay(cmd.equals("pause-relay") ? "PauseRelay" : "ResumeRelay", sources));
      }
      case "start-relay", "stop-relay" -> {
        if (sources.size() != 1) {
          throw new UsageException("must specify one source (`-s` / `--source`)");
        }
        return printed(service.operateRelay(cmd.equals("start-relay") ? "StartRelayV2" : "StopRelayV2", sources.get(0), a.rest()));
      }
      case "transfer-source" -> {
        String source = a.positional("source-id");
        String worker = a.positional("worker-id");
        return printed(service.transferSource(source, worker));
      }
      case "list-member" -> {
        boolean leader = a.flag("--leader");
        boolean master = a.flag("--master");
        boolean worker = a.flag("--worker");
        return printed(service.listMember(leader, master, worker, a.values("-n", "--name")));
      }
      case "offline-member" -> {
        boolean master = a.flag("--master");
        boolean worker = a.flag("--worker");
        String name = a.value("-n", "--name");
        if (master == worker || name.isEmpty()) {
          throw new UsageException("offline-member needs exactly one of --master / --worker and --name");
        }
        return printed(service.offlineMember(master ? "master" : "worker", name));
      }
      case "show-ddl-locks" -> {
        return printed(service.showDdlLocks(a.optionalPositional(), sources));
      }
      case "shard-ddl-lock" -> {
        if (!cluster.profile().atLeast(5, 3, 0)) {
          return null;
        }
        String first = a.optionalPositional();
        if (first.equals("unlock")) {
          return printed(service.unlockDdlLock(a.positional("lock-id")));
        }
        return printed(service.showDdlLocks(first, sources));
      }
      case "unlock-ddl-lock" -> {
        return printed(service.unlockDdlLock(a.positional("lock-id")));
      }
      case "get-config", "config" -> {
        String type = a.positional("type");
        String name = a.positional("name");
        String t = switch (type) {
          case "task" -> "TaskType";
          case "source" -> "SourceType";
          default -> throw new UsageException("invalid config type '" + type + "'");
        };
        ObjectNode cfg = service.getCfg(t, name);
        return cmd.equals("config") && cfg.path("result").asBoolean()
            ? answer(cfg.path("cfg").asText(), "", 0) : printed(cfg);
      }
      case "purge-relay" -> {
        a.value("-f", "--filename");
        a.value("--sub-dir");
        return printed(service.purgeRelay(sources));
      }
      default -> {
        return null;
      }
    }
  }

  private ObjectNode runV1(String cmd, Args a, Map<String, String> files) {
    List<String> workers = a.values("-w", "--worker");
    switch (cmd) {
      case "query-status" -> {
        String task = a.optionalPositional();
        if (task.isEmpty() && workers.isEmpty()) {
          return answer(JsonText.goIndent(service.status().summary(true)) + "\n", "", 0);
        }
        return printed(service.status().queryStatusV1(task, workers));
      }
      case "start-task" -> {
        return printed(service.startTaskV1(read(files, a.positional("config-file")), workers));
      }
      case "pause-task", "resume-task", "stop-task" -> {
        String op = switch (cmd) {
          case "pause-task" -> "Pause";
          case "resume-task" -> "Resume";
          default -> "Stop";
        };
        return printed(service.operateTaskV1(op, a.positional("task-name"), workers));
      }
      case "pause-relay" -> {
        return printed(service.relayV1("PauseRelay", workers));
      }
      case "resume-relay" -> {
        return printed(service.relayV1("ResumeRelay", workers));
      }
      case "switch-relay-master" -> {
        return printed(service.relayV1("SwitchRelayMaster", workers));
      }
      case "show-ddl-locks" -> {
        List<String> sources = new ArrayList<>();
        for (String w : workers) {
          sources.add(service.sourceOfWorker(w));
        }
        return printed(service.showDdlLocks(a.optionalPositional(), sources));
      }
      case "unlock-ddl-lock" -> {
        return printed(service.unlockDdlLockV1(a.positional("lock-id")));
      }
      case "purge-relay" -> {
        a.value("--filename");
        ObjectNode out = resultMsg(true, "");
        out.putArray("workers");
        return printed(out);
      }
      default -> {
        return null;
      }
    }
  }

  private static ObjectNode resultMsg(boolean result, String msg) {
    ObjectNode n = JsonText.object();
    n.put("result", result);
    n.put("msg", msg);
    return n;
  }

  private static String read(Map<String, String> files, String path) {
    String content = files.get(path);
    if (content == null) {
      throw new UsageException("open " + path + ": no such file or directory");
    }
    return content;
  }

  /** A command line that dmctl itself would reject before calling the master. */
  private static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** cobra-style arguments: flags anywhere, {@code --name=value} or {@code --name value}. */
  private static final class Args {
    private final List<String> tokens;
    private final List<String> seenFlags = new ArrayList<>();

    Args(List<String> tokens) {
      this.tokens = new ArrayList<>(tokens);
    }

    List<String> values(String... names) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < tokens.size(); i++) {
        String t = tokens.get(i);
        for (String n : names) {
          if (t.equals(n) && i + 1 < tokens.size()) {
            out.add(tokens.get(i + 1));
            tokens.remove(i + 1);
            tokens.remove(i);
            i--;
            break;
          }
          if (t.startsWith(n + "=")) {
            out.add(t.substring(n.length() + 1));
            tokens.remove(i);
            i--;
            break;
          }
        }
      }
      List<String> split = new ArrayList<>();
      for (String v : out) {
        for (String part : v.split(",")) {
          if (!part.isBlank()) {
            split.add(part.strip());
          }
        }
      }
      return split;
    }

    String value(String... names) {
      List<String> v = values(names);
      return v.isEmpty() ? "" : v.get(0);
    }

    boolean flag(String name) {
      boolean found = tokens.remove(name) || tokens.remove(name + "=true");
      if (found) {
        seenFlags.add(name);
      }
      return found;
    }

    boolean seen(String name) {
      return seenFlags.contains(name);
    }

    String positional(String what) {
      for (int i = 0; i < tokens.size(); i++) {
        if (!tokens.get(i).startsWith("-")) {
          return tokens.remove(i);
        }
      }
      throw new UsageException("missing argument <" + what + ">");
    }

    String optionalPositional() {
      for (int i = 0; i < tokens.size(); i++) {
        if (!tokens.get(i).startsWith("-")) {
          return tokens.remove(i);
        }
      }
      return "";
    }

    List<String> rest() {
      List<String> out = new ArrayList<>();
      for (String t : tokens) {
        if (!t.startsWith("-")) {
          out.add(t);
        }
      }
      return out;
    }
  }
}
