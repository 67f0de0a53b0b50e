/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.policy.Policy;
import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.proxy.internal.protocol.frontend.StartupMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class StartupParametersTest {
  @Test
  void forwardsEverySettingButTheProtocolsOwnWithLowerCaseNames() {
    StartupParameters.Judged judged =
        judge(
            ConnectionMode.TENANT,
            Map.of(
                "user", "tdb_x",
                "database", "app__acme",
                "replication", "false",
                "_pq_.extension", "x",
                "sslrootcert", "/home/you/.tdb/proxy-tls/ca.crt",
                "datestyle", "SQL, DMY",
                "TimeZone", "Asia/Tokyo",
                "lock_timeout", "1234"));
    assertThat(judged.refusal()).isNull();
    assertThat(judged.settings())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("datestyle", "SQL, DMY", "timezone", "Asia/Tokyo", "lock_timeout", "1234"));
  }

  @Test
  void takesOptionsApartAsTheServerDoesAndLetsParametersWin() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put(
        "options",
        "-c lock_timeout=1234 --idle-in-transaction-session-timeout=5s"
            + " -capplication_name=my\\ app  -c search_path=a\\\\b");
    parameters.put("lock_timeout", "99");
    StartupParameters.Judged judged = judge(ConnectionMode.TENANT, parameters);
    assertThat(judged.refusal()).isNull();
    assertThat(judged.settings())
        .containsExactly(
            Map.entry("lock_timeout", "99"),
            Map.entry("idle_in_transaction_session_timeout", "5s"),
            Map.entry("application_name", "my app"),
            Map.entry("search_path", "a\\b"));
  }

  @Test
  void refusesWhatThePolicyRefusesInASetWithItsError() {
    assertThat(
            judge(ConnectionMode.TENANT, Map.of("options", "-c standard_conforming_strings=off"))
                .refusal())
        .satisfies(r -> assertThat(r.sqlState()).isEqualTo("0A000"))
        .satisfies(r -> assertThat(r.message()).contains("standard_conforming_strings"));
    assertThat(judge(ConnectionMode.TENANT, Map.of("Role", "postgres")).refusal().sqlState())
        .isEqualTo("42501");
    assertThat(
            judge(ConnectionMode.TENANT, Map.of("options", "-c statement_timeout=0"))
                .refusal()
                .sqlState())
        .isEqualTo("42501");
    assertThat(
            judge(ConnectionMode.WORKSPACE, Map.of("standard_conforming_strings", "off")).refusal())
        .isNotNull();
    assertThat(
            judge(ConnectionMode.CONTROL, Map.of("standard_conforming_strings", "off")).refusal())
        .isNull();
  }

  @Test
  void quotesNamesAndValuesSoThatEachIsOneSet() {
    assertThat(judge(ConnectionMode.TENANT, Map.of("a\"b", "x'; DROP TABLE t; --")).refusal())
        .isNull();
    assertThat(judge(ConnectionMode.TENANT, Map.of("x", "'; DROP TABLE note; --")).refusal())
        .isNull();
  }

  @Test
  void refusesStartupOptionsOtherThanSettings() {
    assertThat(judge(ConnectionMode.TENANT, Map.of("options", "-e")).refusal().message())
        .isEqualTo("the startup option \"-e\" is not supported by tdb");
    assertThat(judge(ConnectionMode.TENANT, Map.of("options", "-c")).refusal()).isNotNull();
    assertThat(judge(ConnectionMode.TENANT, Map.of("options", "--x")).refusal()).isNotNull();
  }

  private static StartupParameters.Judged judge(ConnectionMode mode, Map<String, String> params) {
    Policy policy = Policy.of(mode, "app_workspace", WorkspaceSettings.defaults());
    return StartupParameters.judge(new StartupMessage(params), policy);
  }
}
