package dev.carafe.observe.internal;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which column each placeholder binds, in the SQL shapes Hibernate writes on each database, and what is masked. */
class ParameterRedactorTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "insert into member (api_key,iban,name,password_hash,id) values (?,?,?,?,?)| api_key, iban, name, password_hash, id",
        "insert into member (name,password_hash) values (?,?),(?,?)| name, password_hash, name, password_hash",
        "insert into \"user\" (\"password\",name) values (?,lower(?)) returning id| password, name",
        "insert into `user` (`password`,name) values (?,?)| password, name",
        "update member set api_key=?,iban=?,name=?,password_hash=? where id=? and version=?| api_key, iban, name, password_hash, id, version",
        "update member m set m.token=coalesce(?,m.token) where m.id=?| token, id",
        "select m1_0.id from member m1_0 where m1_0.password_hash=? and ?<m1_0.id| password_hash, id",
        "select m1_0.id from member m1_0 where m1_0.name in (?,?,?) and m1_0.token not like ? escape '\\'| name, name, name, token",
        "select m1_0.id from member m1_0 where m1_0.name not in (?) or m1_0.secret<>?| name, secret",
        "select m1_0.id from member m1_0 where m1_0.score between ? and ? offset ? rows fetch first ? rows only| score, score, '', ''",
        "select m1_0.id from member m1_0 order by m1_0.id limit ?, ?| '', ''",
        "select m1_0.id from member m1_0 where m1_0.score>? or m1_0.score=? and m1_0.id>? limit ? offset ?| score, score, id, '', ''",
        "select a1_0.id,a1_0.name from author a1_0 where a1_0.id = any (?)| id",
        "select m1_0.id from member m1_0 where m1_0.token <> all(?)| token",
        "delete from member where id=?| id",
        "select m1_0.id from member m1_0 where m1_0.note='what? --' and m1_0.secret=? -- a ? in a comment| secret",
        "select /* a ? */ m1_0.id from member m1_0 where m1_0.name=?| name"})
    void eachPlaceholderIsMatchedToItsColumn(String sql, String columns) {
        assertThat(SqlPlaceholders.columns(sql)).isEqualTo(Arrays.stream(columns.split(",")).map(String::trim)
                .map(column -> column.equals("''") ? "" : column).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "select m1_0.id from member m1_0 where lower(m1_0.name)=?| 1",
        "select m1_0.id from member m1_0 where (m1_0.score,m1_0.id)>(?,?)| 2",
        "select coalesce(?,m1_0.name) from member m1_0| 1",
        "call rotate_keys(?, ?)| 2"})
    void aPlaceholderWhoseColumnCannotBeToldHasNone(String sql, int placeholders) {
        assertThat(SqlPlaceholders.columns(sql)).hasSize(placeholders).containsOnlyNulls();
    }

    private final ParameterRedactor redactor = new ParameterRedactor(List.of("iban", "dateOfBirth"));

    @Test
    void valuesOfColumnsNamedLikeSecretsAreMasked() {
        String insert = "insert into member (api_key,date_of_birth,iban,name,password_hash,reset_token,client_secret,pwd)"
                + " values (?,?,?,?,?,?,?,?)";
        assertThat(redactor.redact(insert, List.of(Arrays.asList("k-1", "1990-01-01", "DE89", "ada", "$2a$hash", "t-1",
                "s-1", null)))).containsExactly(Arrays.asList("***", "***", "***", "ada", "***", "***", "***", null));
    }

    @Test
    void everyExecutionOfABatchIsMasked() {
        String insert = "insert into member (name,password_hash) values (?,?)";
        assertThat(redactor.redact(insert, List.of(List.of("ada", "h1"), List.of("grace", "h2"))))
                .containsExactly(List.of("ada", "***"), List.of("grace", "***"));
    }

    @Test
    void rowCountsAndOrdinaryColumnsAreShownAndUnknownPlaceholdersMasked() {
        String select = "select m1_0.id from member m1_0 where lower(m1_0.name)=? and m1_0.id>? limit ?";
        assertThat(redactor.redact(select, List.of(List.of("ada", 7L, 20)))).containsExactly(List.of("***", 7L, 20));
    }

    @Test
    void valuesThatDoNotMatchThePlaceholdersFoundAreAllMasked() {
        assertThat(redactor.redact("select m1_0.id from member m1_0 where m1_0.id=?", List.of(List.of(1L, 2L))))
                .containsExactly(List.of("***", "***"));
    }
}
