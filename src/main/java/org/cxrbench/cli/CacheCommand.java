package org.cxrbench.cli;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cxrbench.encode.FeatureCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "cache", mixinStandardHelpOptions = true, description = "Show or trim the feature cache.",
        subcommands = {CacheCommand.Ls.class, CacheCommand.Gc.class})
public final class CacheCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand (ls or gc)");
    }


    @Command(name = "ls", mixinStandardHelpOptions = true, description = "One line per encoder: entries, shards, size.")
    public static final class Ls implements Callable<Integer> {
        @Mixin CacheFolderOption folder;

        @Override
        public Integer call() {
            FeatureCache fc = folder.open();
            System.out.println("feature cache: " + fc.root());
            for (FeatureCache.Entry m : fc.list()) {
                System.out.printf(Locale.ROOT, "  %s  %8d entries  %3d shards  %10.1f MB  d=%s  %s%n", m.folder(),
                        m.entries(), m.shards(), m.bytes() / 1e6, m.dimension(), m.encoder());
            }
            return Main.OK;
        }
    }

    @Command(name = "gc", mixinStandardHelpOptions = true,
            description = "Remove leftovers of killed runs and compact shards; --all empties the cache.")
    public static final class Gc implements Callable<Integer> {
        @Mixin CacheFolderOption folder;
        @Option(names = "--all", description = "Remove every cached feature.") boolean all;

        @Override
        public Integer call() {
            Map<String, Long> r = folder.open().gc(all);
            System.out.printf(Locale.ROOT, "removed %d files, freed %.1f MB%n", r.get("removed_files"), r.get("freed_bytes") / 1e6);
            return Main.OK;
        }
    }
}
