/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.sources;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parsed {@link SourcePolicy#allowedHosts}: names, and address blocks. Only literals are parsed
 * as addresses, so reading the list never asks DNS.
 */
final class HostAllowlist {
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern NAME =
      Pattern.compile(
          "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

  /** An address block: the first {@code bits} bits of {@code network}. */
  private record Block(byte[] network, int bits) {
    boolean contains(InetAddress address) {
      byte[] candidate = address.getAddress();
      if (candidate.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<String> names;
  private final List<Block> blocks;

  private HostAllowlist(List<String> names, List<Block> blocks) {
    this.names = names;
    this.blocks = blocks;
  }

  /**
   * Parses the entries.
   *
   * @throws IllegalArgumentException naming an entry that is neither a name, an address nor a block
   */
  static HostAllowlist of(List<String> entries) {
    List<String> names = new ArrayList<>();
    List<Block> blocks = new ArrayList<>();
    for (String entry : entries) {
      String text = unbracketed(entry.trim());
      int slash = text.indexOf('/');
      String address = slash < 0 ? text : text.substring(0, slash);
      Optional<InetAddress> literal = literal(address);
      if (literal.isEmpty()) {
        if (slash >= 0 || !NAME.matcher(text).matches()) {
          throw new IllegalArgumentException(
              "allowed source host '" + entry + "' is not a host name, an address or a CIDR block");
        }
        names.add(text.toLowerCase(Locale.ROOT));
        continue;
      }
      byte[] network = literal.get().getAddress();
      int bits = slash < 0 ? network.length * 8 : bits(entry, text.substring(slash + 1), network);
      blocks.add(new Block(network, bits));
    }
    return new HostAllowlist(List.copyOf(names), List.copyOf(blocks));
  }

  /**
   * The host to connect to for a source on {@code host}: {@code host} itself when it is a listed
   * name; else the first of its addresses inside a listed block, so that what is connected to is
   * what was checked; empty when neither.
   */
  Optional<String> admit(String host) {
    String name = unbracketed(host.trim()).toLowerCase(Locale.ROOT);
    if (names.contains(name)) {
      return Optional.of(host);
    }
    if (blocks.isEmpty() || !(NAME.matcher(name).matches() || literal(name).isPresent())) {
      return Optional.empty();
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(name)) {
        if (blocks.stream().anyMatch(b -> b.contains(address))) {
          return Optional.of(address.getHostAddress());
        }
      }
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** Whether {@code text} is an IPv4 or IPv6 address literal (read without asking DNS). */
  static boolean isLiteral(String text) {
    return literal(unbracketed(text)).isPresent();
  }

  /** {@code ::1} for {@code [::1]}, as a URL writes an IPv6 address. */
  private static String unbracketed(String text) {
    return text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
  }

  private static Optional<InetAddress> literal(String text) {
    boolean v4 = IPV4.matcher(text).matches();
    if (!v4 && !IPV6.matcher(text).matches()) {
      return Optional.empty();
    }
    if (v4 && Arrays.stream(text.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
      // Not a literal: InetAddress would look it up as a name.
      return Optional.empty();
    }
    try {
      // A literal is parsed without asking DNS.
      return Optional.of(InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static int bits(String entry, String text, byte[] network) {
    try {
      int bits = Integer.parseInt(text);
      if (bits >= 0 && bits <= network.length * 8) {
        return bits;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "allowed source host '" + entry + "' has a prefix length outside 0.." + network.length * 8);
  }
}
