/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.driver.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A Spring Boot application as a user writes one: auto-configuration only, so its DataSource
 * (HikariCP), JdbcTemplate and JPA repositories come from {@code spring.datasource.*}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class InvoiceApp {}
