#pragma once

#include "core/config/scenarioconfig.h"
#include "testing/testendpointbehaviour.h"

#include <QString>

namespace hookscope {

// Turns a hookscope.testendpoints entry (plain values from the config layer) into the behaviour
// src/testing runs, checking what only src/testing knows: the mode names and
// TestEndpointBehaviour::validate(). Messages start with "file:line: test endpoint NAME:" when the
// entry came from a file.
class TestEndpointSpec
{
public:
    static bool toBehaviour(const TestEndpointConfig &config, TestEndpointBehaviour *behaviour,
                            QString *error);
    // "127.0.0.1:8081" -> 8081; false with a message for anything else.
    static bool port(const TestEndpointConfig &config, quint16 *port, QString *error);
    // "file:line: test endpoint NAME" (or without the file part when built in code).
    static QString label(const TestEndpointConfig &config, const QString &sourceFile);
};

} // namespace hookscope
