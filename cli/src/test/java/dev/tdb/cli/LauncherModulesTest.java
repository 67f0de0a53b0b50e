/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The {@code ./tdb} launcher rebuilds when a module its jars contain changed: its module list is
 * module cli and every reactor module cli depends on, directly or not, as the poms say.
 */
final class LauncherModulesTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern MODULES = Pattern.compile("(?m)^modules=\"([^\"]*)\"$");

  @Test
  void listsExactlyTheModulesTheJarsAreBuiltFrom() throws Exception {
    Matcher listed = MODULES.matcher(Files.readString(ROOT.resolve("tdb")));
    assertThat(listed.find()).as("a modules=\"...\" line in ./tdb").isTrue();
    assertThat(new TreeSet<>(Arrays.asList(listed.group(1).split(" "))))
        .isEqualTo(reactorClosure("cli"));
  }

  /** {@code module} and the reactor modules it needs outside tests, transitively. */
  private static Set<String> reactorClosure(String module) throws Exception {
    Map<String, String> moduleByArtifact = new HashMap<>();
    for (Node node : list(parse(ROOT.resolve("pom.xml")).getElementsByTagName("module"))) {
      String name = node.getTextContent().strip();
      moduleByArtifact.put(child(pom(name), "artifactId"), name);
    }
    Set<String> closure = new TreeSet<>();
    Deque<String> pending = new ArrayDeque<>(Set.of(module));
    while (!pending.isEmpty()) {
      String next = pending.pop();
      if (!closure.add(next)) {
        continue;
      }
      Element dependencies = element(pom(next), "dependencies");
      if (dependencies == null) {
        continue;
      }
      for (Node node : list(dependencies.getElementsByTagName("dependency"))) {
        Element dependency = (Element) node;
        String scope = child(dependency, "scope");
        if ("dev.tdb".equals(child(dependency, "groupId"))
            && !"test".equals(scope)
            && !"provided".equals(scope)) {
          String artifact = child(dependency, "artifactId");
          assertThat(moduleByArtifact).as("module of " + artifact).containsKey(artifact);
          pending.push(moduleByArtifact.get(artifact));
        }
      }
    }
    return closure;
  }

  private static Element pom(String module) throws Exception {
    return parse(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement();
  }

  private static Document parse(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  /** The text of a direct child element, or null. */
  private static String child(Element parent, String name) {
    Element element = element(parent, name);
    return element == null ? null : element.getTextContent().strip();
  }

  private static Element element(Element parent, String name) {
    for (Node node : list(parent.getChildNodes())) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element;
      }
    }
    return null;
  }

  private static Iterable<Node> list(NodeList nodes) {
    return () ->
        new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < nodes.getLength();
          }

          @Override
          public Node next() {
            return nodes.item(next++);
          }
        };
  }
}
