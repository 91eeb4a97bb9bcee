package io.github.dmswitchover.switchover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dmswitchover.switchover.spi.JournalEntry;
import io.github.dmswitchover.switchover.spi.JournalException;
import io.github.dmswitchover.switchover.spi.SwitchoverJournal;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The default journal: one file of JSON lines per switchover in a directory, each record forced to
 * disk before {@link #append} returns, plus a small pointer file per source naming its latest
 * switchover (replaced atomically). Appends take an exclusive file lock, so several processes on
 * one host may share a directory. A torn last line (a crash while writing) is ignored when reading.
 * Thread-safe.
 *
 * <pre>{@code
 * SwitchoverJournal journal = FileSwitchoverJournal.inDirectory(Path.of("/var/lib/dm-switchover"));
 * }</pre>
 */
public final class FileSwitchoverJournal implements SwitchoverJournal {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUFFIX = ".journal";

  private final Path dir;

  private FileSwitchoverJournal(Path dir) {
    this.dir = dir;
  }

  /**
   * A journal in {@code directory}, created if missing.
   *
   * @throws JournalException if the directory cannot be created
   */
  public static FileSwitchoverJournal inDirectory(Path directory) {
    Objects.requireNonNull(directory, "directory");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new JournalException("the journal directory " + directory + " cannot be created: " + e.getMessage(), e);
    }
    return new FileSwitchoverJournal(directory.toAbsolutePath());
  }

  /** The journal used when the builder is given none: system property {@code dmswitchover.journal.dir}, else {@code ~/.dm-switchover/journal}. */
  static FileSwitchoverJournal defaultJournal() {
    String configured = System.getProperty("dmswitchover.journal.dir");
    Path dir = configured != null && !configured.isBlank() ? Paths.get(configured)
        : Paths.get(System.getProperty("user.home"), ".dm-switchover", "journal");
    return inDirectory(dir);
  }

  /** Returns the directory. */
  public Path directory() {
    return dir;
  }

  @Override
  public synchronized void append(JournalEntry entry) {
    Objects.requireNonNull(entry, "entry");
    Path file = file(entry.switchoverId());
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      assert lock.isValid();
      List<JournalEntry> existing = read(file, entry.switchoverId());
      long expected = existing.isEmpty() ? 1 : existing.get(existing.size() - 1).sequence() + 1;
      if (entry.sequence() != expected) {
        throw new JournalException("switchover " + entry.switchoverId() + ": record " + entry.sequence()
            + " is not the next one (expected " + expected + "); another writer appended meanwhile", null);
      }
      if (!existing.isEmpty() && !existing.get(0).sourceId().equals(entry.sourceId())) {
        throw new JournalException("switchover " + entry.switchoverId() + " belongs to source " + existing.get(0).sourceId()
            + ", not " + entry.sourceId(), null);
      }
      byte[] line = (toJson(entry) + "\n").getBytes(StandardCharsets.UTF_8);
      long end = validLength(file);
      ch.truncate(end);
      ch.position(end);
      ByteBuffer buf = ByteBuffer.wrap(line);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
      if (entry.sequence() == 1) {
        pointTo(entry.sourceId(), entry.switchoverId());
      }
    } catch (IOException e) {
      throw new JournalException("switchover " + entry.switchoverId() + ": record " + entry.sequence() + " could not be written to "
          + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized List<JournalEntry> entries(String switchoverId) {
    Objects.requireNonNull(switchoverId, "switchoverId");
    Path file = file(switchoverId);
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return read(file, switchoverId);
    } catch (IOException e) {
      throw new JournalException("the journal of switchover " + switchoverId + " cannot be read from " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Optional<String> latestSwitchover(String sourceId) {
    Objects.requireNonNull(sourceId, "sourceId");
    Path pointer = dir.resolve(encode(sourceId) + ".latest");
    if (!Files.exists(pointer)) {
      return Optional.empty();
    }
    try {
      String id = Files.readString(pointer, StandardCharsets.UTF_8).strip();
      return id.isEmpty() ? Optional.empty() : Optional.of(id);
    } catch (IOException e) {
      throw new JournalException("the latest switchover of source " + sourceId + " cannot be read from " + pointer + ": "
          + e.getMessage(), e);
    }
  }

  private void pointTo(String sourceId, String switchoverId) throws IOException {
    Path pointer = dir.resolve(encode(sourceId) + ".latest");
    Path tmp = dir.resolve(encode(sourceId) + ".latest.tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(ByteBuffer.wrap((switchoverId + "\n").getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    try {
      Files.move(tmp, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, pointer, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private Path file(String switchoverId) {
    return dir.resolve(encode(switchoverId) + SUFFIX);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A");
  }

  /** The length of the file up to the end of its last complete line. */
  private static long validLength(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    int end = all.length;
    while (end > 0 && all[end - 1] != '\n') {
      end--;
    }
    return end;
  }

  private static List<JournalEntry> read(Path file, String switchoverId) throws IOException {
    List<JournalEntry> out = new ArrayList<>();
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      boolean last = !text.endsWith("\n") && text.endsWith(line);
      try {
        out.add(fromJson(JSON.readTree(line)));
      } catch (JsonProcessingException | RuntimeException e) {
        if (last) {
          break;
        }
        throw new JournalException("the journal of switchover " + switchoverId + " is damaged at line " + lineNo + " of " + file
            + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static String toJson(JournalEntry e) throws JsonProcessingException {
    ObjectNode n = JSON.createObjectNode();
    n.put("switchoverId", e.switchoverId());
    n.put("sourceId", e.sourceId());
    n.put("sequence", e.sequence());
    n.put("step", e.step());
    n.put("phase", e.phase().name());
    n.put("at", e.at().toString());
    n.put("detail", e.detail());
    return JSON.writeValueAsString(n);
  }

  private static JournalEntry fromJson(JsonNode n) {
    return new JournalEntry(n.path("switchoverId").asText(), n.path("sourceId").asText(), n.path("sequence").asLong(),
        n.path("step").asText(), JournalEntry.Phase.valueOf(n.path("phase").asText()), Instant.parse(n.path("at").asText()),
        n.path("detail").asText());
  }
}
