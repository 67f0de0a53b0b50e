/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import dev.tdb.admin.credentials.CredentialRequest;
import dev.tdb.admin.credentials.CredentialService;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.core.api.CredentialCreate;
import dev.tdb.core.api.CredentialRotate;
import java.time.Duration;
import java.util.List;

/** {@code /v1/credentials}: data-plane credentials for applications. */
final class CredentialRoutes {
  private CredentialRoutes() {}

  static void register(Router router, Services services, Requests requests) {
    router.post(
        "/v1/credentials",
        (ctx, caller) -> {
          CredentialCreate body = requests.read(ctx, CredentialCreate.class);
          CredentialRequest request =
              new CredentialRequest(
                  Requests.required(body.blueprint(), "blueprint"),
                  body.tenants() == null ? List.of() : body.tenants(),
                  Boolean.TRUE.equals(body.readOnly()),
                  body.name());
          ctx.status(201).json(services.credentials().create(caller, request));
        });
    router.get(
        "/v1/credentials",
        (ctx, caller) -> ctx.json(services.credentials().list(caller, Requests.page(ctx))));
    router.post(
        "/v1/credentials/{id}/rotate",
        (ctx, caller) -> {
          Long overlap = requests.read(ctx, CredentialRotate.class).overlapSeconds();
          if (overlap != null && overlap != overlap.intValue()) {
            throw AdminException.invalid("overlap_seconds", "must be an integer");
          }
          long seconds = overlap == null ? CredentialService.DEFAULT_OVERLAP.toSeconds() : overlap;
          ctx.json(
              services
                  .credentials()
                  .rotate(caller, ctx.pathParam("id"), Duration.ofSeconds(seconds)));
        });
    router.delete(
        "/v1/credentials/{id}",
        (ctx, caller) -> {
          services.credentials().revoke(caller, ctx.pathParam("id"));
          ctx.status(204);
        });
  }
}
