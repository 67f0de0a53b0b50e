/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.core.sql.SqlTokens.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public view of core's lexer that code outside core reads statements with. */
final class SqlTokensTest {
  @Test
  void givesEveryTokenItsTypeAndText() {
    SqlTokens tokens =
        SqlTokens.of("ALTER TABLE s.\"T\" ADD c int DEFAULT 'x' -- note\n, ADD CHECK (c > $1);");
    List<Type> types = new ArrayList<>();
    for (int i = 0; i < tokens.count(); i++) {
      types.add(tokens.type(i));
    }
    assertThat(types)
        .containsExactly(
            Type.WORD,
            Type.WORD,
            Type.WORD,
            Type.DOT,
            Type.QUOTED_IDENT,
            Type.WORD,
            Type.WORD,
            Type.WORD,
            Type.WORD,
            Type.STRING,
            Type.COMMA,
            Type.WORD,
            Type.WORD,
            Type.LPAREN,
            Type.WORD,
            Type.OPERATOR,
            Type.PARAM,
            Type.RPAREN,
            Type.SEMICOLON);
    assertThat(tokens.text(4)).isEqualTo("\"T\"");
    assertThat(tokens.isWord(0, "alter")).isTrue();
    assertThat(tokens.is(3, Type.DOT)).isTrue();
  }

  @Test
  void answersFalseBeyondTheEndAndRefusesToReadThere() {
    SqlTokens tokens = SqlTokens.of("SELECT 1.5, $$unclosed");
    assertThat(tokens.type(1)).isEqualTo(Type.NUMBER);
    assertThat(tokens.type(tokens.count() - 1)).isEqualTo(Type.UNTERMINATED);
    assertThat(tokens.is(tokens.count(), Type.WORD)).isFalse();
    assertThat(tokens.isWord(-1, "select")).isFalse();
    assertThatThrownBy(() -> tokens.text(tokens.count()))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
