package dev.carafe.testmodels.naming;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A model with camelCase attributes, a many-to-one and collection tables, for column naming. */
@Entity
public class BlogEntry {
    @Id
    public Long id;

    public LocalDateTime createdAt;

    @ManyToOne
    public Author author;

    @ElementCollection
    @OrderColumn
    public List<String> tagNames = new ArrayList<>();

    @ElementCollection
    public Map<String, Integer> scoreByJudge = new HashMap<>();
}
