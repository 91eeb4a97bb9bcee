package io.github.dmswitchover.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The BOM has no parent (so that it exports no third-party versions); this keeps it in step with the reactor. */
class BomConsistencyTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void bom_listsEveryPublishedModuleAtTheReactorVersion() throws Exception {
    Document parent = parse(ROOT.resolve("pom.xml"));
    Document bom = parse(ROOT.resolve("bom/pom.xml"));
    String version = childText(parent.getDocumentElement(), "version");

    assertThat(childText(bom.getDocumentElement(), "version")).isEqualTo(version);

    List<String> published = new ArrayList<>();
    NodeList modules = parent.getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      String module = modules.item(i).getTextContent().strip();
      if (!module.equals("bom") && !module.equals("benchmarks") && !module.equals("examples")) {
        published.add(module);
      }
    }
    List<String> managed = new ArrayList<>();
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element dep = (Element) deps.item(i);
      assertThat(childText(dep, "groupId")).isEqualTo("io.github.dmswitchover");
      assertThat(childText(dep, "version")).as(childText(dep, "artifactId")).isEqualTo(version);
      managed.add(childText(dep, "artifactId"));
    }
    assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
    assertThat(bom.getElementsByTagName("parent").getLength()).as("the BOM has no parent").isZero();
  }

  private static Document parse(Path pom) throws Exception {
    assertThat(pom).exists();
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (var in = Files.newInputStream(pom)) {
      return f.newDocumentBuilder().parse(in);
    }
  }

  private static String childText(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().strip();
      }
    }
    throw new AssertionError("<" + parent.getTagName() + "> has no <" + name + ">");
  }
}
