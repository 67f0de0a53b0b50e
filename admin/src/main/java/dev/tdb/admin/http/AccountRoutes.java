/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import dev.tdb.admin.accounts.AccountService;
import dev.tdb.admin.accounts.Scope;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.core.api.ApiKeyCreate;

/** {@code /v1/accounts}, {@code /v1/apikeys} and {@code /v1/audit}. */
final class AccountRoutes {
  private AccountRoutes() {}

  static void register(Router router, Services services, Requests requests) {
    router.post(
        "/v1/accounts",
        (ctx, caller) -> {
          AccountCredentials created =
              services.accounts().create(caller, AccountService.Role.MEMBER);
          ctx.status(201).json(created);
        });
    router.post(
        "/v1/apikeys",
        (ctx, caller) -> {
          ApiKeyCreate body = requests.read(ctx, ApiKeyCreate.class);
          String name = Requests.required(body.name(), "name");
          String scope = body.scope();
          ctx.status(201)
              .json(
                  scope == null
                      ? services.apiKeys().create(caller, name)
                      : services.apiKeys().create(caller, name, Scope.ofApiKey(scope)));
        });
    router.get(
        "/v1/apikeys",
        (ctx, caller) -> ctx.json(services.apiKeys().list(caller, Requests.page(ctx))));
    router.delete(
        "/v1/apikeys/{id}",
        (ctx, caller) -> {
          services.apiKeys().revoke(caller, ctx.pathParam("id"));
          ctx.status(204);
        });
    router.get(
        "/v1/audit", (ctx, caller) -> ctx.json(services.audit().list(caller, Requests.page(ctx))));
  }
}
