/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

/**
 * The admin service's own login to its metadata database when that login is not a superuser: if the
 * metadata database lives on a cluster tdb manages, the hardening grants this role CONNECT to it
 * explicitly before PUBLIC loses CONNECT, so the admin service does not lock itself out.
 *
 * @param database the metadata database's name
 * @param role the role the admin service logs in to it as
 */
public record MetadataLogin(String database, String role) {}
