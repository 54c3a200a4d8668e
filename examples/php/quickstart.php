<?php
// Price, create and track an order from PHP (run by tests/readme.rs against the sandbox).
//
//   BTS_CONFIG='{"username": ..., "password": ..., "inn": ...}' php -d ffi.enable=1 examples/php/quickstart.php

declare(strict_types=1);

require __DIR__ . '/../../bindings/php/tests/autoload.php';

$config = json_decode((string) getenv('BTS_CONFIG'), true, 512, JSON_THROW_ON_ERROR);

// README: php
$client = new Bts\Client($config);
$price = $client->orderCalculate(['senderCityId' => 3, 'receiverCityId' => 198, 'weight' => 2]);
echo "price {$price['summaryPrice']}\n";      // PHPStan reads the shapes: PriceQuote, Order, Track
try {
    $order = $client->orderAdd([
        'senderCityId' => 3, 'senderAddress' => 'Toshkent sh., Bobur ko‘chasi, 5-A',
        'senderReal' => 'Jurabek Turdiyev', 'senderPhone' => '+998 99 1234567',
        'weight' => 2, 'packageId' => 8, 'postTypeId' => 4,
        'receiver' => 'Odil Ahkmedov', 'receiverAddress' => 'Gozovo qish. 41 uy',
        'receiverCityId' => 198, 'receiverPhone' => '+998 99 1234568',
    ]);
} catch (Bts\Exception\ValidationException $e) {
    print_r($e->getFields());   // ['senderPhone' => ["«Telefon» ni to'ldirishingiz kerak."]]
    throw $e;
}
echo "created {$order['orderId']} {$order['barcode']}\n";
$status = $client->orderTrack((int) $order['orderId'])['status'];
echo "status {$status['name']} / " . Bts\Status\LegacyStatus::from((int) $status['id'])->en() . "\n";
// README: end
