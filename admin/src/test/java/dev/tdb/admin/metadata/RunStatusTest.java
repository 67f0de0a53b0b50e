/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statuses of deployments, imports and their tenants, as stored and shown. */
final class RunStatusTest {
  @Test
  void areStoredAndShownInLowerCaseAsTheTablesCheckThem() throws Exception {
    assertThat(Arrays.stream(RunStatus.values()).map(RunStatus::sql))
        .containsExactly("running", "succeeded", "failed");
    assertThat(Arrays.stream(TenantRunStatus.values()).map(TenantRunStatus::sql))
        .containsExactly("pending", "running", "succeeded", "failed", "skipped");
    assertThat(
            new ObjectMapper()
                .writeValueAsString(List.of(RunStatus.FAILED, TenantRunStatus.PENDING)))
        .isEqualTo("[\"failed\",\"pending\"]");
    assertThat(RunStatus.of("succeeded")).isEqualTo(RunStatus.SUCCEEDED);
    assertThatThrownBy(() -> TenantRunStatus.of("copied"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTenantHasFinishedWhenItSucceededFailedOrWasSkipped() {
    assertThat(Arrays.stream(TenantRunStatus.values()).filter(TenantRunStatus::finished))
        .containsExactly(
            TenantRunStatus.SUCCEEDED, TenantRunStatus.FAILED, TenantRunStatus.SKIPPED);
  }
}
