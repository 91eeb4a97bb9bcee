package io.github.dmswitchover.switchover;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls listeners; one that throws is logged and ignored, so observers never change the outcome. */
final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private final List<SwitchoverListener> listeners;

  Listeners(List<SwitchoverListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  void emit(Consumer<SwitchoverListener> event) {
    for (SwitchoverListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("switchover listener {} threw {}; ignored", l.getClass().getName(), e.toString());
      }
    }
  }
}
