package io.streamlake.deploy;

import io.streamlake.deploy.catalog.CatalogCommand;
import io.streamlake.deploy.iam.IamCommand;
import io.streamlake.deploy.iam.LifecycleCommand;
import io.streamlake.deploy.local.LocalCommand;
import io.streamlake.deploy.render.RenderCommand;
import io.streamlake.deploy.validate.ValidateCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The streamlake CLI: {@code validate}, {@code render}, {@code iam}, {@code lifecycle}, {@code catalog} and
 * {@code local}. Exit codes: 0 success, 1 the command
 * found problems (invalid config, failed connector, no file landed), 2 a wrong command line.
 */
public final class Main {

  static final String USAGE = String.join("\n",
      "usage: streamlake <command> [options]",
      "  validate <connector.json|worker.properties|dir>...  check configs offline against the plugin ZIP",
      "  render <connector.json> [capacity/cluster flags]    print an aws kafkaconnect create-connector request",
      "  iam <connector.json> [--cluster-arn ARN]             print the service execution role's IAM policy",
      "  lifecycle <sink.json> [--existing FILE]              print the sink bucket's lifecycle rules, merged",
      "  catalog <sink.json> --schema FILE [--topic T]        print the topic's Glue table: Athena DDL + TableInput",
      "  local [connector.json...]                           run Kafka, S3 and a worker locally (the demo)",
      "  help <command>                                      options of a command");

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  /** Runs one command line; returns the exit code. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
      out.println(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    String command = args.get(0);
    List<String> rest = args.subList(1, args.size());
    try {
      return switch (command) {
        case "validate" -> new ValidateCommand(out).run(rest);
        case "render" -> new RenderCommand(out, err).run(rest);
        case "iam" -> new IamCommand(out, err).run(rest);
        case "lifecycle" -> new LifecycleCommand(out).run(rest);
        case "catalog" -> new CatalogCommand(out).run(rest);
        case "local" -> new LocalCommand(out).run(rest);
        case "help" -> help(rest.isEmpty() ? "" : rest.get(0), out);
        default -> throw new Args.UsageException("unknown command '" + command + "'");
      };
    } catch (Args.UsageException e) {
      err.println("streamlake " + command + ": " + e.getMessage());
      err.println(usageOf(command));
      return 2;
    } catch (Exception e) {
      err.println("streamlake " + command + " failed: " + e.getMessage());
      if (e.getCause() != null) {
        err.println("  caused by: " + e.getCause());
      }
      return 1;
    }
  }

  private static int help(String command, PrintStream out) {
    out.println(usageOf(command));
    return 0;
  }

  private static String usageOf(String command) {
    return switch (command) {
      case "validate" -> ValidateCommand.USAGE;
      case "render" -> RenderCommand.USAGE;
      case "iam" -> IamCommand.USAGE;
      case "lifecycle" -> LifecycleCommand.USAGE;
      case "catalog" -> CatalogCommand.USAGE;
      case "local" -> LocalCommand.USAGE;
      default -> USAGE;
    };
  }
}
