/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/admin-api.md's table of error codes is {@link AdminError}, with each code's status. */
final class AdminErrorDocsTest {
  private static final Pattern ROW =
      Pattern.compile("^\\| `([a-z_]+)` \\| (\\d{3}) \\|", Pattern.MULTILINE);

  @Test
  void theTableListsEveryCodeWithItsStatusAndNothingElse() throws IOException {
    String docs = Files.readString(Path.of("../docs/admin-api.md"));
    String table = docs.substring(docs.indexOf("### Error codes"));
    table = table.substring(0, table.indexOf("\n\n", table.indexOf("| code |")));
    List<String> documented = new ArrayList<>();
    Matcher row = ROW.matcher(table);
    while (row.find()) {
      documented.add(row.group(1) + " " + row.group(2));
    }
    List<String> codes = new ArrayList<>();
    for (AdminError error : AdminError.values()) {
      codes.add(error.code() + " " + error.kind().status());
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(codes);
  }

  @Test
  void anExceptionCarriesTheCodeAndKindOfItsError() {
    AdminException e = new AdminException(AdminError.TENANT_EXISTS, "exists", "list them");
    assertThat(e.code()).isEqualTo("tenant_exists");
    assertThat(e.kind().status()).isEqualTo(409);
    AdminException reworded = e.reworded("told otherwise", null);
    assertThat(reworded.code()).isEqualTo("tenant_exists");
    assertThat(reworded.getCause()).isSameAs(e);
  }
}
