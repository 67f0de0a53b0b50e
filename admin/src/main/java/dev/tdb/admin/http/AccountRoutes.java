/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import static dev.tdb.admin.errors.AdminException.Kind.INVALID;
import static dev.tdb.admin.errors.AdminException.Kind.NOT_FOUND;
import static dev.tdb.admin.http.Operation.Access.READ;
import static dev.tdb.admin.http.Operation.Access.WRITE;
import static dev.tdb.admin.http.Operation.generic;
import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.tdb.admin.accounts.AccountService;
import dev.tdb.admin.accounts.CreatedApiKey;
import dev.tdb.admin.accounts.Scope;
import dev.tdb.admin.metadata.ApiKeyRow;
import dev.tdb.admin.metadata.AuditEvent;
import dev.tdb.admin.metadata.Page;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.core.api.ApiKeyCreate;
import java.util.List;

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

  /** The operations this class serves, for {@link Operations}. */
  static List<Operation> operations() {
    return List.of(
        Operation.of(POST, "/v1/accounts", "createAccount", WRITE, "Create an account")
            .description(
                "Only an admin account may create accounts; the new account is not an "
                    + "admin. The first (admin) account is created in-process by the "
                    + "operator (`tdb up`).")
            .returns(
                201, "the new account; the secret is shown only here", AccountCredentials.class)
            .errors(INVALID)
            .build(),
        Operation.of(POST, "/v1/apikeys", "createApiKey", WRITE, "Create an API key")
            .body(ApiKeyCreate.class)
            .returns(201, "the new key; the key is shown only here", CreatedApiKey.class)
            .errors(INVALID)
            .build(),
        Operation.of(
                GET,
                "/v1/apikeys",
                "listApiKeys",
                READ,
                "List the caller's API keys (without the keys)")
            .paged("the id of the last key of the previous page")
            .returns(200, "one page, by id", generic(Page.class, ApiKeyRow.class))
            .errors(INVALID)
            .build(),
        Operation.of(DELETE, "/v1/apikeys/{id}", "revokeApiKey", WRITE, "Revoke an API key")
            .path("id", "the key's id")
            .returnsNothing(204, "revoked")
            .errors(INVALID, NOT_FOUND)
            .build(),
        Operation.of(GET, "/v1/audit", "listAudit", READ, "Admin actions, newest first")
            .description("An admin sees every account's actions; other accounts their own.")
            .paged("the id of the last entry of the previous page")
            .returns(200, "one page", generic(Page.class, AuditEvent.class))
            .errors(INVALID)
            .build());
  }
}
