package io.lapsbridge;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The main classes, imported once for every architecture test (an import takes seconds). */
public final class MainClasses {
  private static JavaClasses classes;

  private MainClasses() {}

  public static synchronized JavaClasses all() {
    if (classes == null) {
      classes =
          new ClassFileImporter()
              .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
              .importPackages("io.lapsbridge");
    }
    return classes;
  }
}
