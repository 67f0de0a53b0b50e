/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * An image tarball as {@code jib:buildTar} writes it (the {@code docker load} format: {@code
 * manifest.json}, the config JSON, one gzipped tar per layer), read with nothing but
 * commons-compress.
 *
 * @param tarball the file
 * @param config the image configuration ({@code config.Entrypoint}, {@code config.User}…)
 * @param layers the layer files inside the tarball, lowest first
 * @param files every path in the image's file system (no leading slash, directories ending in
 *     {@code /}) with its mode, the upper layer's where two layers hold one path
 */
record ImageTarball(
    Path tarball, JsonNode config, List<String> layers, Map<String, Integer> files) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one layer entry is turned into. */
  private interface EntryVisitor {
    void visit(int layer, TarArchiveEntry entry, InputStream content) throws IOException;
  }

  static ImageTarball read(Path tarball) throws IOException {
    JsonNode manifest = JSON.readTree(member(tarball, "manifest.json"));
    JsonNode image = manifest.get(0);
    JsonNode config = JSON.readTree(member(tarball, image.get("Config").asText()));
    List<String> layers = new ArrayList<>();
    image.get("Layers").forEach(layer -> layers.add(layer.asText()));
    Map<String, Integer> files = new LinkedHashMap<>();
    ImageTarball read = new ImageTarball(tarball, config, layers, files);
    read.forEachEntry(
        (layer, entry, content) -> files.put(entry.getName(), entry.getMode() & 07777));
    return read;
  }

  /** {@code config.NAME} of the image configuration. */
  JsonNode container(String name) {
    return config.get("config").get(name);
  }

  /** The content of the image's file {@code path} (no leading slash), as text. */
  String read(String path) throws IOException {
    StringBuilder text = new StringBuilder();
    boolean[] found = {false};
    forEachEntry(
        (layer, entry, content) -> {
          if (entry.getName().equals(path)) {
            found[0] = true;
            text.setLength(0);
            text.append(new String(content.readAllBytes(), StandardCharsets.UTF_8));
          }
        });
    if (!found[0]) {
      throw new IOException(path + " is not in the image");
    }
    return text.toString();
  }

  /**
   * Lays the image's file system out under {@code root}, with the modes the layers give, as a
   * container runtime would (the image has no symbolic links or whiteouts to follow).
   */
  void extractTo(Path root) throws IOException {
    forEachEntry(
        (layer, entry, content) -> {
          Path target = root.resolve(entry.getName()).normalize();
          if (!target.startsWith(root)) {
            throw new IOException("layer entry outside the root: " + entry.getName());
          }
          if (entry.isDirectory()) {
            Files.createDirectories(target);
          } else if (entry.isFile()) {
            Files.createDirectories(target.getParent());
            Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
          } else {
            throw new IOException("unexpected entry type in a layer: " + entry.getName());
          }
          Files.setPosixFilePermissions(target, permissions(entry.getMode()));
        });
  }

  /** The index of the layer holding {@code path}, the lowest first; -1 when none does. */
  int layerOf(String path) throws IOException {
    int[] found = {-1};
    forEachEntry(
        (layer, entry, content) -> {
          if (entry.getName().equals(path)) {
            found[0] = layer;
          }
        });
    return found[0];
  }

  private void forEachEntry(EntryVisitor visitor) throws IOException {
    for (int index = 0; index < layers.size(); index++) {
      String layer = layers.get(index);
      try (TarArchiveInputStream outer = new TarArchiveInputStream(Files.newInputStream(tarball))) {
        for (TarArchiveEntry member = outer.getNextEntry();
            member != null;
            member = outer.getNextEntry()) {
          if (!member.getName().equals(layer)) {
            continue;
          }
          TarArchiveInputStream entries =
              new TarArchiveInputStream(new GzipCompressorInputStream(outer));
          for (TarArchiveEntry entry = entries.getNextEntry();
              entry != null;
              entry = entries.getNextEntry()) {
            visitor.visit(index, entry, entries);
          }
          break;
        }
      }
    }
  }

  private static byte[] member(Path tarball, String name) throws IOException {
    try (TarArchiveInputStream outer = new TarArchiveInputStream(Files.newInputStream(tarball))) {
      for (TarArchiveEntry member = outer.getNextEntry();
          member != null;
          member = outer.getNextEntry()) {
        if (member.getName().equals(name)) {
          return outer.readAllBytes();
        }
      }
    }
    throw new IOException(name + " is not in " + tarball);
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (0400 >> i)) != 0) {
        permissions.add(bits[i]);
      }
    }
    return permissions;
  }
}
