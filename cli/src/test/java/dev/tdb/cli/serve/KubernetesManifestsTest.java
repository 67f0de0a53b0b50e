/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tdb.admin.AdminConfig;
import dev.tdb.admin.http.HttpApi;
import dev.tdb.cli.up.TdbMain;
import dev.tdb.proxy.ProxyConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The manifests in {@code deploy/kubernetes/} against the services themselves: each Deployment's
 * command is a real {@code tdb} command, its configuration file (from the ConfigMap) loads with the
 * service's own loader once the pod's volumes are laid out, and its ports, probe paths, grace
 * period and Service agree with what that configuration makes the service do.
 */
final class KubernetesManifestsTest {
  private static final Path DIR = Path.of("../deploy/kubernetes");
  private static final YAMLMapper YAML = new YAMLMapper();

  /** The image's user ({@code image/pom.xml}). */
  private static final int IMAGE_USER = 65532;

  /** What the services take for the final closing after drain_timeout (docs/operations.md). */
  private static final Duration FINAL_CLOSING = Duration.ofSeconds(5);

  private static List<JsonNode> documents;

  @TempDir Path dir;

  @BeforeAll
  static void readManifests() throws IOException {
    documents = new ArrayList<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (var values = YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class)) {
          documents.addAll(values.readAll());
        }
      }
    }
  }

  @Test
  void everyManifestParsesAndTheKustomizationListsEachFile() throws IOException {
    assertThat(documents).allSatisfy(d -> assertThat(d.path("kind").asText()).isNotEmpty());
    List<String> listed = new ArrayList<>();
    find("Kustomization", null).get("resources").forEach(r -> listed.add(r.asText()));
    try (Stream<Path> files = Files.list(DIR)) {
      assertThat(listed)
          .containsExactlyInAnyOrderElementsOf(
              files
                  .map(f -> f.getFileName().toString())
                  .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml"))
                  .toList());
    }
  }

  @Test
  void adminDeploymentRunsAdminServeWithItsPortsAndProbes() throws Exception {
    Pod pod = pod("tdb-admin");
    assertThat(pod.command()).containsExactly("admin", "serve");
    Map<String, String> env = pod.layOut(AdminServeConfig.ENV_PREFIX, AdminServeConfig.KEYS);
    AdminServeConfig config = AdminServeConfig.load(pod.file(pod.configPath()), env);
    AdminConfig admin = config.admin();

    int port = Integer.parseInt(AdminServeConfig.HTTP_PORT.defaultValue());
    assertThat(admin.port()).isEqualTo(port);
    assertThat(pod.containerPorts()).containsExactlyEntriesOf(Map.of("http", port));
    assertThat(admin.bindHost()).as("reachable by probes and the Service").isEqualTo("0.0.0.0");
    String scheme = admin.tls().isPresent() ? "HTTPS" : "HTTP";
    pod.assertProbe("livenessProbe", HttpApi.HEALTH_PATH, "http", scheme);
    pod.assertProbe("readinessProbe", HttpApi.READY_PATH, "http", scheme);
    pod.assertStopsWithin(config.drainTimeout());
    assertServiceAndBudget("tdb-admin", pod);
  }

  @Test
  void proxyDeploymentRunsProxyServeWithItsPortsAndProbes() throws Exception {
    Pod pod = pod("tdb-proxy");
    assertThat(pod.command()).containsExactly("proxy", "serve");
    Map<String, String> env = pod.layOut(ProxyServeConfig.ENV_PREFIX, ProxyServeConfig.KEYS);
    ProxyServeConfig config = ProxyServeConfig.load(pod.file(pod.configPath()), env);
    ProxyConfig proxy = config.proxy();

    int port = Integer.parseInt(ProxyServeConfig.LISTEN_PORT.defaultValue());
    int management = Integer.parseInt(ProxyServeConfig.MANAGEMENT_PORT.defaultValue());
    assertThat(proxy.port()).isEqualTo(port);
    assertThat(proxy.management().enabled()).isTrue();
    assertThat(proxy.management().port()).isEqualTo(management);
    assertThat(pod.containerPorts())
        .containsExactlyInAnyOrderEntriesOf(Map.of("postgres", port, "management", management));
    assertThat(proxy.host()).isEqualTo("0.0.0.0");
    assertThat(proxy.management().host()).isEqualTo("0.0.0.0");
    assertThat(proxy.tls().mode()).isEqualTo(ProxyConfig.TlsMode.REQUIRED);
    pod.assertProbe("livenessProbe", ProxyConfig.Management.HEALTH_PATH, "management", "HTTP");
    pod.assertProbe("readinessProbe", ProxyConfig.Management.READY_PATH, "management", "HTTP");
    pod.assertStopsWithin(config.drainTimeout());
    assertServiceAndBudget("tdb-proxy", pod);
  }

  @Test
  void theSecretTemplateHoldsPlaceholdersOnly() {
    List<JsonNode> secrets =
        documents.stream().filter(d -> d.path("kind").asText().equals("Secret")).toList();
    assertThat(secrets).isNotEmpty();
    for (JsonNode secret : secrets) {
      assertThat(secret.has("data")).as("stringData only, readable placeholders").isFalse();
      secret
          .get("stringData")
          .properties()
          .forEach(e -> assertThat(e.getValue().asText()).contains("REPLACE_ME"));
    }
  }

  private void assertServiceAndBudget(String name, Pod pod) {
    JsonNode labels = pod.template().get("metadata").get("labels");
    JsonNode service = find("Service", name);
    service
        .get("spec")
        .get("selector")
        .properties()
        .forEach(e -> assertThat(labels.get(e.getKey())).isEqualTo(e.getValue()));
    for (JsonNode port : service.get("spec").get("ports")) {
      String target = port.get("targetPort").asText();
      assertThat(pod.containerPorts()).containsKey(target);
      assertThat(port.get("port").asInt()).isEqualTo(pod.containerPorts().get(target));
    }
    JsonNode budget = find("PodDisruptionBudget", name).get("spec");
    budget
        .get("selector")
        .get("matchLabels")
        .properties()
        .forEach(e -> assertThat(labels.get(e.getKey())).isEqualTo(e.getValue()));
    assertThat(budget.get("minAvailable").asInt())
        .isPositive()
        .isLessThan(pod.deployment().get("spec").get("replicas").asInt());
  }

  private Pod pod(String deployment) {
    JsonNode manifest = find("Deployment", deployment);
    assertThat(manifest.get("spec").get("replicas").asInt()).isEqualTo(2);
    return new Pod(manifest, dir.resolve(deployment));
  }

  private static JsonNode find(String kind, String name) {
    return documents.stream()
        .filter(d -> d.path("kind").asText().equals(kind))
        .filter(d -> name == null || d.path("metadata").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + DIR));
  }

  /**
   * One Deployment's pod: its container, and its volumes laid out under {@code root} as the kubelet
   * mounts them, with generated values in place of the Secret's placeholders.
   */
  private record Pod(JsonNode deployment, Path root) {
    JsonNode template() {
      return deployment.get("spec").get("template");
    }

    JsonNode container() {
      JsonNode containers = template().get("spec").get("containers");
      assertThat(containers).hasSize(1);
      return containers.get(0);
    }

    /** The command names that the container's arguments run ({@code admin}, {@code serve}). */
    List<String> command() {
      return parse().names();
    }

    String configPath() {
      return parse().config();
    }

    private record Parsed(List<String> names, String config) {}

    private Parsed parse() {
      List<String> args = new ArrayList<>();
      container().get("args").forEach(a -> args.add(a.asText()));
      PrintWriter out = new PrintWriter(new StringWriter());
      CommandLine.ParseResult result =
          TdbMain.commandLine(out, out).parseArgs(args.toArray(String[]::new));
      List<String> names = new ArrayList<>();
      while (result.hasSubcommand()) {
        result = result.subcommand();
        names.add(result.commandSpec().name());
      }
      Path config = result.matchedOptionValue("--config", null);
      return new Parsed(names, config.toString());
    }

    Map<String, Integer> containerPorts() {
      Map<String, Integer> ports = new TreeMap<>();
      container()
          .get("ports")
          .forEach(p -> ports.put(p.get("name").asText(), p.get("containerPort").asInt()));
      return ports;
    }

    /** The pod's {@code path} in the laid-out volumes. */
    Path file(String path) {
      return root.resolve(path.substring(1));
    }

    /**
     * Writes every mounted file under {@link #root} and returns the environment that points the
     * configuration's file keys there; fails on a key naming a file no volume provides.
     */
    Map<String, String> layOut(String envPrefix, List<ConfigKey> keys) throws Exception {
      Map<String, JsonNode> volumes = new HashMap<>();
      template().get("spec").get("volumes").forEach(v -> volumes.put(v.get("name").asText(), v));
      for (JsonNode mount : container().get("volumeMounts")) {
        Path at = file(mount.get("mountPath").asText());
        Files.createDirectories(at);
        PodVolumes.write(volumes.get(mount.get("name").asText()), at, documents);
      }
      String yaml = Files.readString(file(configPath()));
      Map<String, String> env = new HashMap<>();
      ObjectNode tree = (ObjectNode) YAML.readTree(yaml);
      for (ConfigKey key : keys) {
        if (key.type() != ConfigKey.Type.PATH && key.type() != ConfigKey.Type.SECRET) {
          continue;
        }
        JsonNode value = tree.at("/" + key.fileName().replace('.', '/'));
        if (value.isMissingNode()) {
          continue;
        }
        Path local = file(value.asText());
        assertThat(local).as("%s: %s is mounted", key.fileName(), value.asText()).exists();
        String variable =
            key.envName(envPrefix) + (key.type() == ConfigKey.Type.SECRET ? "_FILE" : "");
        env.put(variable, local.toString());
      }
      return env;
    }

    void assertProbe(String probe, String path, String portName, String scheme) {
      JsonNode get = container().get(probe).get("httpGet");
      assertThat(get.get("path").asText()).as(probe).isEqualTo(path);
      assertThat(get.get("port").asText()).as(probe).isEqualTo(portName);
      assertThat(get.path("scheme").asText("HTTP")).as(probe).isEqualTo(scheme);
    }

    /**
     * The pod is given time for preStop's sleep, the drain and the final closing before it is
     * killed; it runs as the image's user, on a read-only root file system with a writable /tmp.
     */
    void assertStopsWithin(Duration drainTimeout) {
      JsonNode spec = template().get("spec");
      Duration preStop =
          Duration.ofSeconds(
              container().path("lifecycle").path("preStop").path("sleep").path("seconds").asLong());
      Duration grace = Duration.ofSeconds(spec.get("terminationGracePeriodSeconds").asLong());
      assertThat(grace).isGreaterThan(preStop.plus(drainTimeout).plus(FINAL_CLOSING));

      JsonNode pod = spec.get("securityContext");
      assertThat(pod.get("runAsNonRoot").asBoolean()).isTrue();
      assertThat(pod.get("runAsUser").asInt()).isEqualTo(IMAGE_USER);
      JsonNode container = container().get("securityContext");
      assertThat(container.get("readOnlyRootFilesystem").asBoolean()).isTrue();
      assertThat(container.get("allowPrivilegeEscalation").asBoolean()).isFalse();
      assertThat(container.get("capabilities").get("drop").get(0).asText()).isEqualTo("ALL");
      assertThat(file("/tmp")).isDirectory();
    }
  }
}
