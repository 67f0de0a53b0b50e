/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.admin.deployments.DeploymentLease;
import dev.tdb.admin.security.SecretKey;
import dev.tdb.admin.sources.SourcePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

final class AdminConfigTest {
  private static final SecretKey KEY = SecretKey.of(new byte[32]);

  @Test
  void parsesBase64KeysOf32Bytes() {
    SecretKey generated = SecretKey.generate();
    SecretKey standard = SecretKey.parse(generated.base64());
    assertThat(standard).isEqualTo(generated);
    assertThat(standard.bytes()).hasSize(32);
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(standard.bytes());
    assertThat(SecretKey.parse(" " + urlSafe + "\n")).isEqualTo(standard);
    assertThat(SecretKey.generate()).isNotEqualTo(standard);
  }

  @Test
  void explainsABadKeyWithoutRepeatingIt() {
    assertThatThrownBy(() -> SecretKey.parse("c2hvcnQ="))
        .hasMessageContaining("32 bytes")
        .hasMessageContaining("openssl rand -base64 32")
        .hasMessageNotContaining("c2hvcnQ");
    assertThatThrownBy(() -> SecretKey.parse("not base64 at all!"))
        .hasMessageContaining("not valid base64")
        .hasMessageNotContaining("at all");
    assertThatThrownBy(() -> SecretKey.of(new byte[8])).hasMessageContaining("secretKey");
  }

  @Test
  void isImmutableAndShowsNoSecrets() {
    byte[] bytes = new byte[32];
    SecretKey key = SecretKey.of(bytes);
    AdminConfig config =
        AdminConfig.builder("jdbc:postgresql://db/tdb_admin?password=urlpw", "tdb", "dbpw", key)
            .listen("0.0.0.0", 0)
            .build();
    bytes[0] = 1;
    assertThat(config.secretKey().bytes()[0]).isZero();
    config.secretKey().bytes()[0] = 2;
    assertThat(config.secretKey().bytes()[0]).isZero();
    assertThat(config.toString())
        .doesNotContain("dbpw")
        .doesNotContain("urlpw")
        .doesNotContain(key.base64());
    assertThat(config)
        .isEqualTo(
            AdminConfig.builder(
                    "jdbc:postgresql://db/tdb_admin?password=urlpw",
                    "tdb",
                    "dbpw",
                    SecretKey.parse(key.base64()))
                .listen("0.0.0.0", 0)
                .build());
  }

  @Test
  void toBuilderKeepsEveryFieldAndEqualityComparesEveryField() {
    AdminConfig config =
        AdminConfig.builder("jdbc:postgresql://x/y", "u", "p", KEY)
            .listen("10.0.0.1", 7070)
            .poolSize(9)
            .queryLogRetention(Duration.ofDays(3))
            .importFreeSpaceReserve(1234)
            .clusterCa(Path.of("/etc/tdb/ca.pem"))
            .roleCheckInterval(Duration.ZERO)
            .sourcePolicy(new SourcePolicy(List.of("db.example"), 3, Duration.ofMinutes(1)))
            .lockWait(Duration.ofSeconds(7))
            .deploymentLease(new DeploymentLease(Duration.ofSeconds(2), Duration.ofSeconds(1)))
            .build();

    assertThat(config.toBuilder().build()).isEqualTo(config).hasSameHashCodeAs(config);
    assertThat(config.toBuilder().importFreeSpaceReserve(1).build()).isNotEqualTo(config);
    assertThat(config.toBuilder().clusterCa(null).build()).isNotEqualTo(config);
    assertThat(config.toBuilder().listen("10.0.0.1", 7071).build()).isNotEqualTo(config);
  }

  @Test
  void refusesInvalidValues() {
    assertThatThrownBy(() -> AdminConfig.builder("jdbc:mysql://x", "u", "p", KEY).build())
        .hasMessageContaining("metadataUrl");
    assertThatThrownBy(
            () ->
                AdminConfig.builder("jdbc:postgresql://x/y", "u", "p", KEY)
                    .listen("h", 70000)
                    .build())
        .hasMessageContaining("port");
    assertThatThrownBy(() -> AdminConfig.builder("jdbc:postgresql://x/y", "u", "p", null).build())
        .hasMessageContaining("secretKey");
    assertThatThrownBy(
            () -> AdminConfig.builder("jdbc:postgresql://x/y", "u", "p", KEY).poolSize(0).build())
        .hasMessageContaining("poolSize");
  }

  @Test
  void refusesALeaseThatOneLateRenewalWouldLose() {
    assertThatThrownBy(() -> new DeploymentLease(Duration.ofSeconds(5), Duration.ofSeconds(3)))
        .hasMessageContaining("leaseTtl must be at least twice leaseRenewInterval");
    assertThatThrownBy(() -> new DeploymentLease(Duration.ofSeconds(5), Duration.ZERO))
        .hasMessageContaining("leaseRenewInterval must be positive");
    AdminConfig config =
        AdminConfig.builder("jdbc:postgresql://x/y", "u", "p", KEY)
            .deploymentLease(new DeploymentLease(Duration.ofSeconds(2), Duration.ofSeconds(1)))
            .build();
    assertThat(config.deploymentLease().ttl()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.toString()).contains("deploymentLease=");
  }
}
