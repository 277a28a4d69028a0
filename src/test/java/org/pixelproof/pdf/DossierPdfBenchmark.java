package org.pixelproof.pdf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.pixelproof.dossier.Dossier;
import org.pixelproof.dossier.DossierFixtures;
import org.pixelproof.dossier.DossierTemplates;
import org.pixelproof.dossier.Language;

/**
 * Prints how long rendering a one-e-mail dossier PDF takes (the fixture newsletter, French, fonts as on this machine).
 * A benchmark, not a test: it asserts nothing and is not run by {@code mvn test}. Run it with
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.pixelproof.pdf.DossierPdfBenchmark [runs]
 * </pre>
 */
public final class DossierPdfBenchmark {
    private DossierPdfBenchmark() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int warmup = 3;
        Dossier d = DossierFixtures.builder().build(List.of(DossierFixtures.newsletterCase()),
                DossierFixtures.complainant(), Language.FR);
        DossierTemplates templates = DossierTemplates.standard();
        DossierPdf pdf = new DossierPdf(templates, new PdfRenderer());
        List<Double> total = new ArrayList<>();
        List<Double> xhtml = new ArrayList<>();
        int pages = 0;
        for (int i = 0; i < warmup + runs; i++) {
            long t0 = System.nanoTime();
            templates.dossierXhtml(d);
            long t1 = System.nanoTime();
            PdfOutput out = pdf.renderDossier(d);
            long t2 = System.nanoTime();
            pages = out.pages();
            if (i >= warmup) {
                xhtml.add((t1 - t0) / 1e6);
                total.add((t2 - t1) / 1e6);
            }
        }
        Collections.sort(total);
        Collections.sort(xhtml);
        System.out.printf("one-e-mail dossier PDF (%d pages), %d runs after %d warm-up: median %.0f ms, min %.0f ms,"
                + " max %.0f ms; of which templates alone median %.0f ms%n", pages, runs, warmup,
                total.get(total.size() / 2), total.get(0), total.get(total.size() - 1), xhtml.get(xhtml.size() / 2));
    }
}
