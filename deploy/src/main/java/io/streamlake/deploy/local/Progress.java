package io.streamlake.deploy.local;

import java.io.PrintStream;

/**
 * The demo's console output: permanent lines (files landed) and one status line that a terminal redraws in
 * place. Without a terminal (a pipe, a log, a test) the status is printed as a line every ten calls instead.
 */
final class Progress {

  private final PrintStream out;
  private final boolean terminal;
  private String status = "";
  private int calls;

  Progress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  void line(String text) {
    if (terminal && !status.isEmpty()) {
      out.print("\r" + " ".repeat(status.length()) + "\r");
    }
    out.println(text);
    if (terminal && !status.isEmpty()) {
      out.print(status);
    }
    out.flush();
  }

  void status(String text) {
    if (terminal) {
      String pad = text.length() < status.length() ? " ".repeat(status.length() - text.length()) : "";
      out.print("\r" + text + pad);
      out.flush();
    } else if (++calls % 10 == 0) {
      out.println(text);
    }
    status = text;
  }

  void end() {
    if (terminal && !status.isEmpty()) {
      out.println();
    }
  }
}
