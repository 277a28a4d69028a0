package org.pixelproof.pdf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.pixelproof.dossier.Dossier;
import org.pixelproof.dossier.DossierFixtures;
import org.pixelproof.dossier.DossierTemplates;
import org.pixelproof.dossier.Language;

/**
 * Prints how long rendering a one-e-mail dossier PDF takes (the fixture newsletter, French, fonts as on this machine):
 * elapsed time (median, min, max), CPU time of the rendering thread (which other processes on a shared machine disturb
 * far less), and the first, cold rendering of the JVM apart. A benchmark, not a test: it asserts nothing and is not run
 * by {@code mvn test}. Arguments: measured runs (default 40), warm-up runs (default 20). Run it with
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.pixelproof.pdf.DossierPdfBenchmark [runs]
 * </pre>
 */
public final class DossierPdfBenchmark {
    private DossierPdfBenchmark() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Dossier d = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()),
                DossierFixtures.complainant(), Language.FR);
        DossierTemplates templates = DossierTemplates.standard();
        DossierPdf pdf = new DossierPdf(templates, new PdfRenderer());
        List<Double> total = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> xhtml = new ArrayList<>();
        double first = 0;
        int pages = 0;
        for (int i = 0; i < warmup + runs; i++) {
            long t0 = System.nanoTime();
            templates.dossierXhtml(d);
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            PdfOutput out = pdf.renderDossier(d);
            long c2 = threads.getCurrentThreadCpuTime();
            long t2 = System.nanoTime();
            pages = out.pages();
            if (i == 0) {
                first = (t2 - t1) / 1e6;
            }
            if (i >= warmup) {
                xhtml.add((t1 - t0) / 1e6);
                total.add((t2 - t1) / 1e6);
                cpu.add((c2 - c1) / 1e6);
            }
        }
        Collections.sort(total);
        Collections.sort(cpu);
        Collections.sort(xhtml);
        System.out.printf(Locale.ROOT, "one-e-mail dossier PDF (%d pages), %d runs after %d warm-up: median %.0f ms,"
                + " min %.0f ms, max %.0f ms elapsed; CPU time of the rendering thread median %.0f ms, min %.0f ms;"
                + " of which templates alone median %.0f ms; first (cold) run %.0f ms%n", pages, runs, warmup,
                total.get(total.size() / 2), total.get(0), total.get(total.size() - 1), cpu.get(cpu.size() / 2),
                cpu.get(0), xhtml.get(xhtml.size() / 2), first);
    }
}
