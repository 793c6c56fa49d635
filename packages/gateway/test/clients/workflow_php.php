<?php
// The legacy ECGridOS workflow, driven by PHP's SoapClient from a service's own ?wsdl.
// Usage: php workflow_php.php input.json   (prints the transcript as JSON on stdout)
// input: {"wsdl", "login", "password", "upload": {"fileName", "base64"}, "hook", "soap12": bool}

function plain($value) {
    if (is_object($value)) $value = get_object_vars($value);
    if (is_array($value)) {
        $out = [];
        foreach ($value as $k => $v) $out[$k] = plain($v);
        return $out;
    }
    if (is_string($value) && preg_match('//u', $value) !== 1) {
        return ['sha256' => hash('sha256', $value), 'bytes' => strlen($value)];
    }
    return $value;
}

/** An ArrayOfX's items: PHP gives one item as an object, several as an array. */
function items($wrapper, $item) {
    if ($wrapper === null || !isset($wrapper->$item)) return [];
    return is_array($wrapper->$item) ? $wrapper->$item : [$wrapper->$item];
}

$cfg = json_decode(file_get_contents($argv[1]), true);
$client = new SoapClient($cfg['wsdl'], [
    'soap_version' => !empty($cfg['soap12']) ? SOAP_1_2 : SOAP_1_1,
    'exceptions' => true,
    'cache_wsdl' => WSDL_CACHE_NONE,
    'trace' => false,
]);
$steps = [];

$call = function (string $step, string $op, array $params) use ($client, &$steps) {
    try {
        $response = $client->__soapCall($op, [$params]);
        $resultName = $op . 'Result';
        $result = isset($response->$resultName) ? $response->$resultName : null;
        $steps[] = ['step' => $step, 'operation' => $op, 'result' => plain($result)];
        return $result;
    } catch (SoapFault $fault) {
        $detail = isset($fault->detail) && isset($fault->detail->ECGridOSSOAPErrorCode) ? $fault->detail->ECGridOSSOAPErrorCode : null;
        $steps[] = ['step' => $step, 'operation' => $op, 'fault' => ['code' => $fault->faultcode, 'detail' => $detail]];
        return null;
    }
};

$sid = $call('login', 'Login', ['LoginName' => $cfg['login'], 'Password' => $cfg['password']]);
$who = $call('whoami', 'WhoAmI', ['SessionID' => $sid]);
$call('mailbox', 'MailboxInfo', ['SessionID' => $sid, 'MailboxID' => $who->MailboxID]);
$inbox = $call('inbox', 'ParcelInBox', ['SessionID' => $sid]);
foreach (items($inbox->ParcelIDInfoList ?? null, 'ParcelIDInfo') as $parcel) {
    $call('download', 'ParcelDownload', ['SessionID' => $sid, 'ParcelID' => $parcel->ParcelID]);
    $call('confirm', 'ParcelDownloadConfirm', ['SessionID' => $sid, 'ParcelID' => $parcel->ParcelID]);
}
$content = base64_decode($cfg['upload']['base64']);
$call('upload', 'ParcelUpload', ['SessionID' => $sid, 'FileName' => $cfg['upload']['fileName'], 'Bytes' => strlen($content), 'Content' => $content]);
file_get_contents($cfg['hook'], false, stream_context_create(['http' => ['method' => 'POST']]));
$call('after-expiry', 'WhoAmI', ['SessionID' => $sid]);
// The client's own re-login, as legacy code does on an Authentication fault.
$sid = $call('relogin', 'Login', ['LoginName' => $cfg['login'], 'Password' => $cfg['password']]);
$call('whoami-again', 'WhoAmI', ['SessionID' => $sid]);
$call('logout', 'Logout', ['SessionID' => $sid]);
$call('after-logout', 'WhoAmI', ['SessionID' => $sid]);
echo json_encode(['client' => 'php ' . PHP_VERSION, 'steps' => $steps]);
