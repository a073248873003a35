#!/usr/bin/env python3
"""A SOAP client for the 1000 service that shares nothing with node-soap.

It proves the served WSDL is enough for a stranger: Python 3 standard library only (urllib,
xml.etree). It fetches the WSDL, discovers the operations, their SOAPAction and the names of their
input elements from it, builds document/literal SOAP 1.1 envelopes, calls every operation in the
WSDL's order and prints one JSON document with what it found and what each call answered.

    python3 independent_client.py <wsdl-url> [--args JSON] [--timeout SECONDS]

--args maps an operation name to its input values, e.g. {"VIP1000_GET_112": {"VIP": "1101000001",
"StartTime": "2026-01-01 00:00:00", "EndTime": "2026-02-01 00:00:00"}}. Only input elements the
WSDL declares are sent, in the WSDL's order; a declared element with no value is left out.
"""

import argparse
import json
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

WSDL = "http://schemas.xmlsoap.org/wsdl/"
WSDL_SOAP = "http://schemas.xmlsoap.org/wsdl/soap/"
XSD = "http://www.w3.org/2001/XMLSchema"
ENV = "http://schemas.xmlsoap.org/soap/envelope/"


def local(qname):
    """'tns:Foo' -> 'Foo' (prefixes are resolved by trusting the single target namespace)."""
    return qname.split(":", 1)[-1]


def q(ns, name):
    return "{%s}%s" % (ns, name)


class Contract:
    """What the WSDL says: endpoint, namespace, operations with SOAPAction and input elements."""

    def __init__(self, wsdl_bytes):
        root = ET.fromstring(wsdl_bytes)
        self.namespace = root.get("targetNamespace")
        schema = root.find("./%s/%s" % (q(WSDL, "types"), q(XSD, "schema")))
        if schema is None:
            raise SystemExit("WSDL has no inline xsd:schema")
        self.qualified = schema.get("elementFormDefault") == "qualified"
        self.elements = {e.get("name"): e for e in schema.findall(q(XSD, "element"))}
        self.types = {t.get("name"): t for t in schema.findall(q(XSD, "complexType"))}
        messages = {
            m.get("name"): m.find(q(WSDL, "part")).get("element") for m in root.findall(q(WSDL, "message"))
        }
        port_type = root.find(q(WSDL, "portType"))
        binding = root.find(q(WSDL, "binding"))
        actions = {}
        for op in binding.findall(q(WSDL, "operation")):
            soap_op = op.find(q(WSDL_SOAP, "operation"))
            actions[op.get("name")] = soap_op.get("soapAction", "") if soap_op is not None else ""
        self.operations = []
        for op in port_type.findall(q(WSDL, "operation")):
            name = op.get("name")
            input_element = local(messages[local(op.find(q(WSDL, "input")).get("message"))])
            output_element = local(messages[local(op.find(q(WSDL, "output")).get("message"))])
            self.operations.append({
                "name": name,
                "soapAction": actions.get(name, ""),
                "inputElement": input_element,
                "inputs": self.children(self.elements[input_element]),
                "outputElement": output_element,
            })
        address = root.find(".//%s/%s" % (q(WSDL, "port"), q(WSDL_SOAP, "address")))
        self.endpoint = address.get("location")

    def children(self, element):
        """Names of the child elements of an element's (inline or named) complex type, in order."""
        return list(self.declared_children(element))

    def envelope(self, op, values):
        prefix = "tns:" if self.qualified else ""
        parts = []
        for name in op["inputs"]:
            if values.get(name) is not None:
                parts.append("<%s%s>%s</%s%s>" % (prefix, name, escape(str(values[name])), prefix, name))
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<soapenv:Envelope xmlns:soapenv="%s" xmlns:tns="%s"><soapenv:Body>'
            "<tns:%s>%s</tns:%s>"
            "</soapenv:Body></soapenv:Envelope>"
        ) % (ENV, self.namespace, op["inputElement"], "".join(parts), op["inputElement"])

    def declared_children(self, declaration):
        """Child declarations (name -> xsd:element) of a declared element, in the schema's order."""
        if declaration is None:
            return {}
        complex_type = declaration.find(q(XSD, "complexType"))
        if complex_type is None and declaration.get("type"):
            complex_type = self.types.get(local(declaration.get("type")))
        sequence = None if complex_type is None else complex_type.find(q(XSD, "sequence"))
        return {} if sequence is None else {e.get("name"): e for e in sequence.findall(q(XSD, "element"))}

    def to_json(self, element, declaration):
        """XML -> JSON guided by the schema: an element declared maxOccurs="unbounded" is always a
        list (of one, or of none when its wrapper came empty); leaves are their text."""
        declared = self.declared_children(declaration)
        children = list(element)
        if not declared and not children:
            return element.text or ""
        out = {}
        for child in children:
            name = child.tag.split("}", 1)[-1]
            child_declaration = declared.get(name)
            value = self.to_json(child, child_declaration)
            if child_declaration is not None and child_declaration.get("maxOccurs") == "unbounded":
                out.setdefault(name, []).append(value)
            else:
                out[name] = value
        for name, child_declaration in declared.items():
            if child_declaration.get("maxOccurs") == "unbounded" and name not in out:
                out[name] = []
        return out


def call(contract, op, values, timeout):
    body = contract.envelope(op, values).encode("utf-8")
    request = urllib.request.Request(
        contract.endpoint,
        data=body,
        method="POST",
        headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '"%s"' % op["soapAction"]},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, payload = response.status, response.read()
    except urllib.error.HTTPError as error:  # SOAP 1.1 faults come with HTTP 500
        status, payload = error.code, error.read()
    except OSError as error:  # timeouts, refused connections
        return {"error": "%s: %s" % (type(error).__name__, error)}
    envelope = ET.fromstring(payload)
    answer = envelope.find("./%s/*" % q(ENV, "Body"))
    if answer is None:
        return {"status": status, "error": "empty soap:Body"}
    if answer.tag == q(ENV, "Fault"):
        return {
            "status": status,
            "fault": {"faultcode": answer.findtext("faultcode"), "faultstring": answer.findtext("faultstring")},
        }
    name = answer.tag.split("}", 1)[-1]
    if name != op["outputElement"]:
        return {"status": status, "error": "answered %s, WSDL says %s" % (name, op["outputElement"])}
    return {"status": status, "response": contract.to_json(answer, contract.elements.get(name))}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wsdl")
    parser.add_argument("--args", default="{}", help="JSON: operation -> {element: value}")
    parser.add_argument("--timeout", type=float, default=10.0)
    options = parser.parse_args()
    values = json.loads(options.args)

    with urllib.request.urlopen(options.wsdl, timeout=options.timeout) as response:
        contract = Contract(response.read())

    results = {}
    for op in contract.operations:
        results[op["name"]] = call(contract, op, values.get(op["name"], {}), options.timeout)

    report = {
        "endpoint": contract.endpoint,
        "namespace": contract.namespace,
        "operations": [{k: op[k] for k in ("name", "soapAction", "inputs")} for op in contract.operations],
        "results": results,
    }
    sys.stdout.reconfigure(encoding="utf-8")
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
