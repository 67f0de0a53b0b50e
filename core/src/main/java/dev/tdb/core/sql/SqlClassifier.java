/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tdb.core.sql.internal.Lexer;
import dev.tdb.core.sql.internal.Segment;
import dev.tdb.core.sql.internal.Splitter;
import dev.tdb.core.sql.internal.StatementAnalyzer;
import dev.tdb.core.sql.internal.Tokens;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits and classifies SQL text, caching results by text. Thread-safe; one instance per JVM is the
 * intended use, since applications send the same statements again and again.
 *
 * <p>A text is cached from the second time it is seen: the first time, only a hash of it is noted.
 * Statements with inlined literals (each text new, as pgbench's {@code -M simple} or an ORM that
 * does not bind parameters sends them) are then classified without an insertion, an eviction and
 * the cache's maintenance for each, and cannot push the repeated statements out.
 */
public final class SqlClassifier {
  /**
   * Slots for the hashes of texts seen once (128 KiB): a text is admitted when it comes back before
   * another text's hash took its slot, which at least this many distinct texts between its two
   * sightings are needed for.
   */
  static final int SEEN_ONCE_SLOTS = 1 << 15;

  private final Cache<String, Classification> cache;
  private final int maxCachedSqlLength;
  // Racy on purpose: a lost or stale slot only delays or hastens one text's admission.
  private final int[] seenOnce = new int[SEEN_ONCE_SLOTS];

  /**
   * How much the classifier caches.
   *
   * @param maximumWeightBytes bound on the cache's estimated heap footprint
   * @param maxCachedSqlLength texts longer than this (bulk INSERTs, generated IN lists) are
   *     classified every time instead of crowding out the statements that repeat
   */
  public record CacheOptions(long maximumWeightBytes, int maxCachedSqlLength) {
    /** 32 MiB of cache, statements up to 16 KiB. */
    public static final CacheOptions DEFAULTS = new CacheOptions(32L << 20, 16 << 10);

    /** Validates the bounds. */
    public CacheOptions {
      if (maximumWeightBytes < 0 || maxCachedSqlLength < 0) {
        throw new IllegalArgumentException("cache bounds must not be negative");
      }
    }
  }

  private SqlClassifier(CacheOptions options) {
    this.maxCachedSqlLength = options.maxCachedSqlLength();
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(options.maximumWeightBytes())
            .weigher((String sql, Classification c) -> c.estimatedWeight())
            .build();
  }

  /** A classifier with the default cache bounds. */
  public static SqlClassifier create() {
    return new SqlClassifier(CacheOptions.DEFAULTS);
  }

  /** A classifier with the given cache bounds. */
  public static SqlClassifier create(CacheOptions options) {
    return new SqlClassifier(options);
  }

  /** Classifies {@code sql}, from the cache when it was seen before. */
  public Classification classify(String sql) {
    if (sql.length() > maxCachedSqlLength) {
      return classifyUncached(sql);
    }
    Classification cached = cache.getIfPresent(sql);
    if (cached != null) {
      return cached;
    }
    int hash = sql.hashCode();
    int slot = (hash ^ (hash >>> 16)) & (SEEN_ONCE_SLOTS - 1);
    if (seenOnce[slot] != hash) {
      seenOnce[slot] = hash;
      return classifyUncached(sql);
    }
    return cache.get(sql, SqlClassifier::classifyUncached);
  }

  /**
   * Classifies {@code sql} as a session with {@code escapes} reads it. Texts read with {@link
   * StringEscapes#BACKSLASH} are not cached: the cache holds what a text means with standard
   * strings, and sessions with backslash escapes are rare enough to classify every time.
   */
  public Classification classify(String sql, StringEscapes escapes) {
    return escapes == StringEscapes.STANDARD ? classify(sql) : classifyUncached(sql, escapes);
  }

  /** Classifies {@code sql} without touching any cache. */
  public static Classification classifyUncached(String sql) {
    return classifyUncached(sql, StringEscapes.STANDARD);
  }

  /** Classifies {@code sql}, read with {@code escapes}, without touching any cache. */
  public static Classification classifyUncached(String sql, StringEscapes escapes) {
    Tokens tokens = Lexer.tokenize(sql, escapes);
    List<Segment> segments = Splitter.split(tokens);
    List<ClassifiedStatement> statements = new ArrayList<>(segments.size());
    for (Segment segment : segments) {
      statements.add(StatementAnalyzer.classify(tokens, segment));
    }
    return new Classification(sql, statements);
  }
}
