/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.driver.spring;

import java.util.List;
import org.springframework.data.repository.CrudRepository;

/** A Spring Data JPA repository of invoices. */
public interface InvoiceRepository extends CrudRepository<Invoice, Long> {
  /** The customer's invoices, by a derived query. */
  List<Invoice> findByCustomerOrderByCentsDesc(String customer);
}
