/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.admin.deployments.DeploymentLease;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

final class AdminConfigTest {
  private static final byte[] KEY = new byte[32];

  @Test
  void parsesBase64KeysOf32Bytes() {
    String standard = AdminConfig.generateSecretKey();
    assertThat(AdminConfig.parseSecretKey(standard)).hasSize(32);
    byte[] bytes = AdminConfig.parseSecretKey(standard);
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    assertThat(AdminConfig.parseSecretKey(" " + urlSafe + "\n")).isEqualTo(bytes);
  }

  @Test
  void explainsABadKeyWithoutRepeatingIt() {
    assertThatThrownBy(() -> AdminConfig.parseSecretKey("c2hvcnQ="))
        .hasMessageContaining("32 bytes")
        .hasMessageContaining("openssl rand -base64 32")
        .hasMessageNotContaining("c2hvcnQ");
    assertThatThrownBy(() -> AdminConfig.parseSecretKey("not base64 at all!"))
        .hasMessageContaining("not valid base64")
        .hasMessageNotContaining("at all");
  }

  @Test
  void isImmutableAndShowsNoSecrets() {
    byte[] key = KEY.clone();
    AdminConfig config =
        new AdminConfig(
            "jdbc:postgresql://db/tdb_admin?password=urlpw", "tdb", "dbpw", "0.0.0.0", 0, key, 4);
    key[0] = 1;
    assertThat(config.secretKey()[0]).isZero();
    config.secretKey()[0] = 2;
    assertThat(config.secretKey()[0]).isZero();
    assertThat(config.toString()).doesNotContain("dbpw").doesNotContain("urlpw");
    assertThat(config)
        .isEqualTo(
            new AdminConfig(
                "jdbc:postgresql://db/tdb_admin?password=urlpw",
                "tdb",
                "dbpw",
                "0.0.0.0",
                0,
                KEY,
                4));
  }

  @Test
  void refusesInvalidValues() {
    assertThatThrownBy(() -> new AdminConfig("jdbc:mysql://x", "u", "p", "h", 0, KEY, 1))
        .hasMessageContaining("metadataUrl");
    assertThatThrownBy(() -> new AdminConfig("jdbc:postgresql://x/y", "u", "p", "h", 70000, KEY, 1))
        .hasMessageContaining("port");
    assertThatThrownBy(
            () -> new AdminConfig("jdbc:postgresql://x/y", "u", "p", "h", 0, new byte[8], 1))
        .hasMessageContaining("secretKey");
    assertThatThrownBy(() -> new AdminConfig("jdbc:postgresql://x/y", "u", "p", "h", 0, KEY, 0))
        .hasMessageContaining("poolSize");
  }

  @Test
  void refusesALeaseThatOneLateRenewalWouldLose() {
    assertThatThrownBy(() -> new DeploymentLease(Duration.ofSeconds(5), Duration.ofSeconds(3)))
        .hasMessageContaining("leaseTtl must be at least twice leaseRenewInterval");
    assertThatThrownBy(() -> new DeploymentLease(Duration.ofSeconds(5), Duration.ZERO))
        .hasMessageContaining("leaseRenewInterval must be positive");
    AdminConfig config =
        new AdminConfig("jdbc:postgresql://x/y", "u", "p", "h", 0, KEY, 1)
            .withDeploymentLease(new DeploymentLease(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertThat(config.deploymentLease().ttl()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.toString()).contains("deploymentLease=");
  }
}
