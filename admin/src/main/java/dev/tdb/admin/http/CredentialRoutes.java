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

import dev.tdb.admin.credentials.Credential;
import dev.tdb.admin.credentials.CredentialRequest;
import dev.tdb.admin.credentials.CredentialService;
import dev.tdb.admin.credentials.IssuedSecret;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.Page;
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

  /** The operations this class serves, for {@link Operations}. */
  static List<Operation> operations() {
    return List.of(
        Operation.of(
                POST,
                "/v1/credentials",
                "createCredential",
                WRITE,
                "Issue a data-plane credential for the tenants of one of the caller's "
                    + "blueprints")
            .body(CredentialCreate.class)
            .returns(
                201,
                "the credential and its secret; the secret is shown only here",
                IssuedSecret.class)
            .errors(INVALID, NOT_FOUND)
            .build(),
        Operation.of(
                GET,
                "/v1/credentials",
                "listCredentials",
                READ,
                "List the caller's credentials (without secrets)")
            .paged("the id of the last credential of the previous page")
            .returns(200, "one page, by id", generic(Page.class, Credential.class))
            .errors(INVALID)
            .build(),
        Operation.of(
                POST,
                "/v1/credentials/{id}/rotate",
                "rotateCredential",
                WRITE,
                "Give a credential a new secret; the previous ones keep working for "
                    + "the overlap")
            .path("id", "the credential's id")
            .optionalBody(CredentialRotate.class)
            .returns(
                200,
                "the credential and its new secret; the secret is shown only here",
                IssuedSecret.class)
            .errors(INVALID, NOT_FOUND)
            .build(),
        Operation.of(
                DELETE,
                "/v1/credentials/{id}",
                "revokeCredential",
                WRITE,
                "Revoke a credential: new logins fail at once, proxy sessions end "
                    + "within the proxy's verifier_ttl")
            .path("id", "the credential's id")
            .returnsNothing(204, "revoked")
            .errors(INVALID, NOT_FOUND)
            .build());
  }
}
