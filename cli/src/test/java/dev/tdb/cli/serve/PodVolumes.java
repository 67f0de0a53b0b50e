/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.security.SecretKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Lays out a pod's volume as the kubelet would: a ConfigMap's files with their content, a Secret's
 * files with generated values of the right form in place of the template's placeholders (a base64
 * key for {@code secret-key}, a PEM certificate for {@code *.crt}), an emptyDir as a directory.
 */
final class PodVolumes {
  private PodVolumes() {}

  /** Writes the files of {@code volume} (a pod spec's volume) into {@code at}. */
  static void write(JsonNode volume, Path at, List<JsonNode> documents) throws Exception {
    if (volume.has("emptyDir")) {
      return;
    }
    boolean configMap = volume.has("configMap");
    JsonNode source = configMap ? volume.get("configMap") : volume.get("secret");
    assertThat(source).as("volume %s: configMap, secret or emptyDir", volume).isNotNull();
    String name = source.path(configMap ? "name" : "secretName").asText();
    JsonNode manifest =
        documents.stream()
            .filter(d -> d.path("kind").asText().equals(configMap ? "ConfigMap" : "Secret"))
            .filter(d -> d.path("metadata").path("name").asText().equals(name))
            .findFirst()
            .orElse(null);
    Map<String, String> files = files(source, manifest, name);
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = at.resolve(file.getValue());
      if (configMap) {
        Files.writeString(target, manifest.get("data").get(file.getKey()).asText());
      } else {
        Files.writeString(target, generated(file.getKey(), at));
      }
    }
  }

  /** Key → file name: the volume's items, or every key of the manifest. */
  private static Map<String, String> files(JsonNode source, JsonNode manifest, String name) {
    Map<String, String> files = new LinkedHashMap<>();
    if (source.has("items")) {
      source.get("items").forEach(i -> files.put(i.get("key").asText(), i.get("path").asText()));
    } else {
      assertThat(manifest)
          .as("%s is in deploy/kubernetes, or the volume lists the keys it needs", name)
          .isNotNull();
      JsonNode data = manifest.has("data") ? manifest.get("data") : manifest.get("stringData");
      data.fieldNames().forEachRemaining(key -> files.put(key, key));
    }
    if (manifest != null) {
      JsonNode data = manifest.has("data") ? manifest.get("data") : manifest.get("stringData");
      files.keySet().forEach(key -> assertThat(data.has(key)).as("%s has %s", name, key).isTrue());
    }
    return files;
  }

  private static String generated(String key, Path scratch) throws Exception {
    if (key.equals("secret-key")) {
      return SecretKey.generate().base64() + "\n";
    }
    if (key.endsWith(".crt")) {
      return certificate(scratch);
    }
    return "generated-" + key + "\n";
  }

  /** A self-signed certificate in PEM, made by the JDK's keytool. */
  private static String certificate(Path scratch) throws Exception {
    Path work = Files.createTempDirectory(scratch.getParent(), "keytool");
    Path store = work.resolve("ca.p12");
    Path pem = work.resolve("ca.crt");
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-dname",
        "CN=tdb-admin",
        "-keystore",
        store.toString(),
        "-storepass",
        "changeit",
        "-storetype",
        "PKCS12");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        store.toString(),
        "-storepass",
        "changeit",
        "-file",
        pem.toString());
    return Files.readString(pem);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
