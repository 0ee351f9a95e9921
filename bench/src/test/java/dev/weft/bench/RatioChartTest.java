package dev.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The chart of ratios, from made-up results, read back with the JDK's XML parser. */
class RatioChartTest {

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document d, String name) {
        NodeList nodes = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", name);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static double number(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    @Test
    void theChartIsWellFormedSvgWithOneBarPerComparison() throws Exception {
        Document d = parse(RatioChart.svg("weft bench all, 2026-12-07", ReportTest.RESULTS));

        assertThat(d.getDocumentElement().getLocalName()).isEqualTo("svg");
        List<Element> groups = elements(d, "g").stream().filter(g -> g.getAttribute("class").equals("comparison")).toList();
        assertThat(groups).hasSize(ReportTest.RESULTS.size());
        for (int i = 0; i < groups.size(); i++) {
            Result r = ReportTest.RESULTS.get(i);
            Element g = groups.get(i);
            assertThat(g.getElementsByTagNameNS("*", "title").item(0).getTextContent()).isEqualTo(r.text());
            assertThat(g.getTextContent()).contains(r.line() + " vs " + r.peer(), RatioChart.threeDigits(r.ratio()) + "×");
            Element bar = (Element) g.getElementsByTagNameNS("*", "rect").item(0);
            assertThat(bar.getAttribute("class")).isEqualTo(r.ratio() >= 1 ? "ahead" : "behind");
            assertThat(bar.getAttribute("fill")).isEqualTo(r.ratio() >= 1 ? RatioChart.AHEAD : RatioChart.BEHIND);
        }
    }

    @Test
    void barsStartAtParityAndAreLongerTheFurtherTheRatioIsFromOne() throws Exception {
        List<Result> results = List.of(
                new Result("a", "ops/s", true, "ten", "cpython", 10, 1, null),
                new Result("a", "ops/s", true, "hundred", "cpython", 100, 1, null),
                new Result("b", "ms", false, "tenth", "cpython", 10, 1, null));
        Document d = parse(RatioChart.svg(results));
        Element parity = elements(d, "line").stream().filter(l -> l.getAttribute("class").equals("parity"))
                .findFirst().orElseThrow();
        double one = number(parity, "x1");
        List<Element> bars = elements(d, "rect").stream().filter(r -> !r.getAttribute("class").isEmpty()).toList();

        assertThat(bars).hasSize(3);
        Element ten = bars.get(0), hundred = bars.get(1), tenth = bars.get(2);
        assertThat(number(ten, "x")).isEqualTo(one);
        assertThat(number(hundred, "x")).isEqualTo(one);
        assertThat(number(hundred, "width")).isCloseTo(2 * number(ten, "width"), org.assertj.core.data.Offset.offset(0.2));
        // log scale: a tenth is as far left of parity as ten is right of it
        assertThat(number(tenth, "x") + number(tenth, "width")).isCloseTo(one, org.assertj.core.data.Offset.offset(0.2));
        assertThat(number(tenth, "width")).isCloseTo(number(ten, "width"), org.assertj.core.data.Offset.offset(0.2));
        assertThat(d.getDocumentElement().getTextContent()).contains("parity", "0.1×", "1×", "100×");
    }

    @Test
    void ratioTargetsAreMarkedAndFailedFiguresGetNoBar() throws Exception {
        List<Result> results = List.of(
                new Result("q", "items/s", true, "queue", "cpython", 40, 1, Target.ratioAtLeast(50, "issue 2")),
                new Result("m", "writes/s", true, "manager & co <x>", "cpython", Double.NaN, 1, null));
        String svg = RatioChart.svg(results);
        Document d = parse(svg);

        assertThat(elements(d, "line").stream().filter(l -> l.getAttribute("class").equals("target"))).hasSize(1);
        assertThat(elements(d, "rect").stream().filter(r -> !r.getAttribute("class").isEmpty())).hasSize(1);
        assertThat(d.getDocumentElement().getTextContent()).contains("manager & co <x> vs cpython", "no ratio");
    }

    @Test
    void ratiosAreWrittenToThreeSignificantDigits() {
        assertThat(RatioChart.threeDigits(149.0)).isEqualTo("149");
        assertThat(RatioChart.threeDigits(49.485)).isEqualTo("49.5");
        assertThat(RatioChart.threeDigits(0.0869565)).isEqualTo("0.087");
        assertThat(RatioChart.threeDigits(1234.5)).isEqualTo("1230");
    }
}
